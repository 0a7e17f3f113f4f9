package io.perfweave.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.VirtualMachine;
import io.perfweave.agent.PerfweaveAgent;
import io.perfweave.agent.control.CommandReply;
import io.perfweave.agent.control.CommandRequest;
import io.perfweave.agent.core.AgentRuntime;
import io.perfweave.agent.core.AgentVersion;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code attach}, {@code status}, {@code reload} and {@code detach}: each loads this agent jar into
 * the target with a {@link CommandRequest} and prints the {@link CommandReply} the agent wrote.
 * Before loading anything, the agent version the target reports (a system property the running
 * agent sets) is checked, so that a JVM without Perfweave, or with another version of it, is told
 * so without the jar ever being loaded into it.
 */
final class AgentCommands {

    static final String ATTACH_USAGE = "attach <pid> --config <file> [key=value ...]";
    static final String STATUS_USAGE = "status <pid>";
    static final String RELOAD_USAGE = "reload <pid> [--config <file>]";
    static final String DETACH_USAGE = "detach <pid>";

    private AgentCommands() {
    }

    static int run(String command, List<String> args, PrintStream out, PrintStream err) {
        CommandRequest request;
        long pid;
        try {
            if (args.isEmpty()) {
                throw new TargetJvm.Unreachable(CommandReply.BAD_INPUT, "no pid given");
            }
            pid = TargetJvm.parsePid(args.get(0));
            request = request(command, args.subList(1, args.size()));
        } catch (TargetJvm.Unreachable e) {
            err.println("perfweave " + command + ": " + e.getMessage());
            err.println("usage: java -jar perfweave-agent.jar " + usage(command));
            return e.exitCode();
        }
        CommandReply reply;
        try {
            reply = send(pid, request);
        } catch (TargetJvm.Unreachable e) {
            reply = new CommandReply(e.exitCode(), e.getMessage());
        }
        (reply.exitCode() == CommandReply.OK ? out : err).println(reply.exitCode() == CommandReply.OK
                ? reply.text() : "perfweave " + command + ": " + reply.text());
        return reply.exitCode();
    }

    private static String usage(String command) {
        return switch (command) {
            case CommandRequest.ATTACH -> ATTACH_USAGE;
            case CommandRequest.STATUS -> STATUS_USAGE;
            case CommandRequest.RELOAD -> RELOAD_USAGE;
            default -> DETACH_USAGE;
        };
    }

    private static CommandRequest request(String command, List<String> args) throws TargetJvm.Unreachable {
        Path workingDirectory = Path.of("").toAbsolutePath();
        Optional<Path> config = Optional.empty();
        List<String> settings = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--config") && !command.equals(CommandRequest.STATUS) && !command.equals(CommandRequest.DETACH)) {
                if (i + 1 == args.size()) {
                    throw new TargetJvm.Unreachable(CommandReply.BAD_INPUT, "--config needs a file");
                }
                Path file = workingDirectory.resolve(args.get(++i)).normalize();
                if (!Files.isRegularFile(file)) {
                    throw new TargetJvm.Unreachable(CommandReply.BAD_INPUT, "configuration file not found: " + file);
                }
                config = Optional.of(file);
            } else if (command.equals(CommandRequest.ATTACH) && arg.indexOf('=') > 0) {
                settings.add(arg);
            } else {
                throw new TargetJvm.Unreachable(CommandReply.BAD_INPUT, "unexpected argument '" + arg + "'");
            }
        }
        if (command.equals(CommandRequest.ATTACH) && config.isEmpty()) {
            throw new TargetJvm.Unreachable(CommandReply.BAD_INPUT, "--config <file> is required");
        }
        return new CommandRequest(command, AgentVersion.get(), config, settings, workingDirectory, Path.of("reply"));
    }

    private static CommandReply send(long pid, CommandRequest request) throws TargetJvm.Unreachable {
        VirtualMachine vm = TargetJvm.attach(pid);
        Path directory = null;
        try {
            String attached = vm.getSystemProperties().getProperty(AgentRuntime.VERSION_PROPERTY);
            if (attached != null && !attached.equals(AgentVersion.get())) {
                return new CommandReply(CommandReply.WRONG_STATE, "incompatible agent version: Perfweave " + attached
                        + " is attached to " + pid + ", this command is Perfweave " + AgentVersion.get()
                        + "; use the perfweave-agent.jar of version " + attached);
            }
            if (attached == null && !request.command().equals(CommandRequest.ATTACH)) {
                return new CommandReply(CommandReply.WRONG_STATE, "Perfweave is not attached to " + pid
                        + "; nothing to " + request.command() + " (attach it with: " + ATTACH_USAGE + ")");
            }
            directory = Files.createTempDirectory("perfweave-" + request.command() + "-");
            Path requestFile = directory.resolve("request.properties");
            CommandRequest sent = new CommandRequest(request.command(), request.clientVersion(), request.configFile(),
                    request.arguments(), request.workingDirectory(), directory.resolve("reply.properties"));
            sent.write(requestFile);
            vm.loadAgent(agentJar().toString(), PerfweaveAgent.COMMAND_PREFIX + requestFile);
            return CommandReply.read(sent.replyFile()).orElseGet(() -> new CommandReply(CommandReply.WRONG_STATE,
                    "the JVM " + pid + " gave no answer: it may run an agent of an incompatible version, or failed;"
                            + " see its standard error"));
        } catch (AgentLoadException | AgentInitializationException e) {
            return new CommandReply(CommandReply.WRONG_STATE, "the JVM " + pid + " could not load the agent: " + e.getMessage());
        } catch (IOException e) {
            return new CommandReply(CommandReply.UNREACHABLE, "lost the connection to " + pid + ": " + e.getMessage());
        } finally {
            detachQuietly(vm);
            deleteQuietly(directory);
        }
    }

    private static Path agentJar() throws IOException {
        try {
            return Path.of(AgentCommands.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IOException("cannot locate the agent jar: " + e);
        }
    }

    private static void detachQuietly(VirtualMachine vm) {
        try {
            vm.detach();
        } catch (IOException ignored) {
            // the connection is gone already
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }
}
