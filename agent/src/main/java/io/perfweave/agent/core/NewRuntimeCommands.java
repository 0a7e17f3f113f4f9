package io.perfweave.agent.core;

import io.perfweave.agent.boot.AgentClassLoader;
import io.perfweave.agent.boot.AgentPresence;
import io.perfweave.agent.control.CommandReply;
import io.perfweave.agent.control.CommandRequest;
import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;

/**
 * Answers a command when no agent runs in the JVM: {@code attach} starts one, every other command
 * is told that there is none. Called by {@code PerfweaveAgent} in a fresh copy of the internals;
 * unless a runtime started, that copy is closed again before returning, so that a refused command
 * leaves nothing behind.
 */
public final class NewRuntimeCommands {

    private NewRuntimeCommands() {
    }

    public static void handle(Instrumentation instrumentation, String requestFile, File agentJar) {
        boolean started = false;
        try {
            CommandRequest request = CommandRequest.read(Path.of(requestFile));
            CommandReply reply;
            if (!request.clientVersion().equals(AgentVersion.get())) {
                reply = RunningCommands.incompatible(request, "Perfweave " + AgentVersion.get()
                        + " (loaded into this JVM by an earlier attach or -javaagent, not running now)");
            } else if (!request.command().equals(CommandRequest.ATTACH)) {
                reply = new CommandReply(CommandReply.WRONG_STATE, "Perfweave is not attached to this JVM; nothing to "
                        + request.command() + " (attach it with: attach <pid> --config <file>)");
            } else if (!AgentPresence.claim()) {
                reply = new CommandReply(CommandReply.WRONG_STATE, "Perfweave is starting in this JVM right now");
            } else {
                try {
                    reply = AgentRuntime.attach(instrumentation, request, agentJar);
                    started = reply.exitCode() == CommandReply.OK;
                } finally {
                    if (!started) {
                        AgentPresence.release();
                    }
                }
            }
            reply.write(request.replyFile());
        } catch (IOException | RuntimeException e) {
            System.err.println("[perfweave] ERROR cannot answer command request " + requestFile + ": " + e);
        } finally {
            if (!started && NewRuntimeCommands.class.getClassLoader() instanceof AgentClassLoader loader) {
                try {
                    loader.close();
                } catch (IOException ignored) {
                    // the jar stays open until the loader is collected
                }
            }
        }
    }
}
