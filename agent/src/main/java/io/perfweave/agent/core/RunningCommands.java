package io.perfweave.agent.core;

import io.perfweave.agent.boot.AgentClassLoader;
import io.perfweave.agent.control.CommandReply;
import io.perfweave.agent.control.CommandRequest;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Answers the command line's requests to a runtime that runs: the handler the runtime puts into
 * {@code AgentControl}. Runs on the JVM's attach listener thread, inside {@code agentmain}, so the
 * command line waits for the answer; never throws.
 */
final class RunningCommands {

    private final AgentRuntime runtime;

    RunningCommands(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    void handle(String requestFile) {
        CommandRequest request;
        try {
            request = CommandRequest.read(Path.of(requestFile));
        } catch (IOException | RuntimeException e) {
            System.err.println("[perfweave] ERROR cannot read command request " + requestFile + ": " + e);
            return;
        }
        CommandReply reply;
        try {
            reply = answer(request);
        } catch (RuntimeException | LinkageError e) {
            reply = new CommandReply(CommandReply.WRONG_STATE, request.command() + " failed in the agent: " + e);
        }
        try {
            reply.write(request.replyFile());
        } catch (IOException | RuntimeException e) {
            System.err.println("[perfweave] ERROR cannot write the reply to " + request.replyFile() + ": " + e);
        }
        if (request.command().equals(CommandRequest.DETACH) && reply.exitCode() == CommandReply.OK) {
            closeInternals();
        }
    }

    private CommandReply answer(CommandRequest request) {
        if (!request.clientVersion().equals(AgentVersion.get())) {
            return incompatible(request, "Perfweave " + AgentVersion.get());
        }
        return switch (request.command()) {
            case CommandRequest.STATUS -> runtime.status();
            case CommandRequest.RELOAD -> runtime.reload(request.configFile());
            case CommandRequest.DETACH -> runtime.detach();
            case CommandRequest.ATTACH -> new CommandReply(CommandReply.WRONG_STATE,
                    "Perfweave is already attached to this JVM; use reload to change its configuration, or detach first\n"
                            + runtime.status().text());
            default -> new CommandReply(CommandReply.BAD_INPUT, "unknown command '" + request.command() + "'");
        };
    }

    /** The reply to a command line of another version: the request format may differ, so nothing is done. */
    static CommandReply incompatible(CommandRequest request, String present) {
        return new CommandReply(CommandReply.WRONG_STATE, "incompatible agent version: this JVM has " + present
                + ", the command line is Perfweave " + request.clientVersion()
                + "; use the perfweave-agent.jar of the version in the JVM (for " + request.command() + ")");
    }

    /**
     * The last step of a detach, after the reply is written: closes the agent jar of this copy of the
     * internals. No class of it may load after this, which is why it is the last thing done.
     */
    private static void closeInternals() {
        if (RunningCommands.class.getClassLoader() instanceof AgentClassLoader loader) {
            try {
                loader.close();
            } catch (IOException ignored) {
                // the jar stays open until the loader is collected
            }
        }
    }
}
