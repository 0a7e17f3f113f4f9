package io.perfweave.agent.cli;

import io.perfweave.agent.core.AgentVersion;
import java.io.PrintStream;
import java.util.Arrays;

/** {@code java -jar perfweave-agent.jar <command>}: the agent's command line. */
public final class CommandLine {

    private CommandLine() {
    }

    /** @return the process exit code: 0 on success, 1 when {@code compare} found a regression, 2 for bad usage or input (every command) */
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
                "Configuration reference: docs/configuration.md");
    }
}
