package io.perfweave.agent.cli;

import io.perfweave.agent.core.AgentVersion;
import java.io.PrintStream;
import io.perfweave.agent.control.CommandRequest;
import java.util.Arrays;
import java.util.List;

/** {@code java -jar perfweave-agent.jar <command>}: the agent's command line. */
public final class CommandLine {

    private CommandLine() {
    }

    /**
     * @return the process exit code: 0 on success, 1 when {@code compare} found a regression, 2 for bad
     *     usage or input, 3 when the target JVM cannot be reached, 4 when the agent's state forbids the command
     */
    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(usage());
            return 0;
        }
        if (args[0].equals("version") || args[0].equals("--version")) {
            out.println("perfweave " + AgentVersion.get());
            return 0;
        }
        if (args[0].equals("compare")) {
            return CompareCommand.run(Arrays.asList(args).subList(1, args.length), out, err);
        }
        if (args[0].equals("merge")) {
            return MergeCommand.run(Arrays.asList(args).subList(1, args.length), out, err);
        }
        if (args[0].equals("list")) {
            return JvmList.run(out);
        }
        if (List.of(CommandRequest.ATTACH, CommandRequest.STATUS, CommandRequest.RELOAD, CommandRequest.DETACH)
                .contains(args[0])) {
            return AgentCommands.run(args[0], Arrays.asList(args).subList(1, args.length), out, err);
        }
        err.println("perfweave: unknown command '" + args[0] + "'");
        err.println(usage());
        return 2;
    }

    static String usage() {
        return String.join(System.lineSeparator(),
                "Perfweave " + AgentVersion.get() + " - bytecode-instrumented JVM profiling",
                "",
                "As an agent:",
                "  java -javaagent:perfweave-agent.jar=config=perfweave.properties -jar app.jar",
                "",
                "Commands:",
                "  java -jar perfweave-agent.jar help      this text",
                "  java -jar perfweave-agent.jar version   the agent's version",
                "  java -jar perfweave-agent.jar " + CompareCommand.USAGE,
                "      compares two baselines saved with baseline.save=<file>; exit code 0 when no probe",
                "      regressed, 1 when one did, 2 for bad input (docs/baselines.md)",
                "  java -jar perfweave-agent.jar " + MergeCommand.USAGE,
                "      one baseline of several runs of the same code, to judge later runs against their",
                "      spread; exit code 0 when written, 2 for bad input (docs/baselines.md)",
                "",
                "  Running JVMs (docs/attach.md); exit code 2 for bad input or configuration, 3 when the",
                "  JVM cannot be reached, 4 when Perfweave is not (or already, or in another version) attached:",
                "  java -jar perfweave-agent.jar list      the JVMs you can attach to",
                "  java -jar perfweave-agent.jar " + AgentCommands.ATTACH_USAGE,
                "      loads the agent; loaded classes that match are woven at once",
                "  java -jar perfweave-agent.jar " + AgentCommands.STATUS_USAGE,
                "  java -jar perfweave-agent.jar " + AgentCommands.RELOAD_USAGE,
                "      applies a changed configuration; unchanged probes keep their figures",
                "  java -jar perfweave-agent.jar " + AgentCommands.DETACH_USAGE,
                "      final report, original bytecode restored, every agent thread stopped",
                "",
                "Configuration reference: docs/configuration.md");
    }
}
