package io.perfweave.agent.cli;

import io.perfweave.agent.baseline.Baseline;
import io.perfweave.agent.baseline.BaselineFormatException;
import io.perfweave.agent.baseline.BaselineMerge;
import io.perfweave.agent.baseline.BaselineReader;
import io.perfweave.agent.baseline.BaselineWriter;
import io.perfweave.agent.core.AgentVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code merge <out> <baseline> <baseline>... [--label text]}: one baseline of several runs, judged
 * against the spread of those runs ({@link BaselineMerge}).
 *
 * <p>Exit codes: 0 when the merged baseline was written, 2 for bad input (a bad option, an unreadable
 * or incompatible file, fewer than two runs, an unwritable destination), with the reason on stderr.
 */
final class MergeCommand {

    static final int OK = 0;
    static final int BAD_INPUT = 2;

    static final String USAGE = "merge <out> <baseline> <baseline>... [--label text]";

    private MergeCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> files = new ArrayList<>();
        String label = "";
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--label")) {
                if (i + 1 >= args.size()) {
                    return usage(err, "--label needs a value");
                }
                label = args.get(++i);
            } else if (arg.startsWith("--label=")) {
                label = arg.substring("--label=".length());
            } else if (arg.startsWith("--")) {
                return usage(err, "unknown option '" + arg + "'");
            } else {
                files.add(arg);
            }
        }
        if (files.size() < 3) {
            return usage(err, "expected the merged file and at least two baselines to merge, got "
                    + files.size() + " file(s)");
        }
        Path destination = Path.of(files.get(0));
        List<Baseline> inputs = new ArrayList<>();
        for (String file : files.subList(1, files.size())) {
            try {
                // The destination may be one of the inputs, to add runs to a merged baseline: every
                // input is read before the destination is replaced.
                inputs.add(BaselineReader.read(Path.of(file)));
            } catch (BaselineFormatException e) {
                err.println("perfweave merge: " + e.getMessage());
                return BAD_INPUT;
            }
        }
        Baseline merged;
        try {
            merged = BaselineMerge.merge(inputs, AgentVersion.get(), label);
        } catch (IllegalArgumentException e) {
            err.println("perfweave merge: " + e.getMessage());
            return BAD_INPUT;
        }
        try {
            BaselineWriter.write(merged, destination);
        } catch (IOException e) {
            err.println("perfweave merge: cannot write " + destination + ": " + e);
            return BAD_INPUT;
        }
        out.println("perfweave merge: " + destination + ": " + merged.runs().size() + " runs, "
                + merged.probes().size() + " probes");
        return OK;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("perfweave merge: " + problem);
        err.println("usage: java -jar perfweave-agent.jar " + USAGE);
        return BAD_INPUT;
    }
}
