package io.perfweave.agent.cli;

import io.perfweave.agent.baseline.Baseline;
import io.perfweave.agent.baseline.BaselineComparison;
import io.perfweave.agent.baseline.BaselineFormatException;
import io.perfweave.agent.baseline.BaselineReader;
import io.perfweave.agent.baseline.ProbeComparison;
import io.perfweave.agent.baseline.RegressionRule;
import io.perfweave.agent.baseline.RegressionRules;
import io.perfweave.agent.baseline.RegressionStatus;
import io.perfweave.agent.config.BaselineSettings;
import io.perfweave.agent.config.DurationValue;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code compare <baseline> <current> [--tolerance 20%] [--min-samples 1000] [--format text|markdown|junit]}:
 * compares two saved baselines with the rule the agent uses at run time.
 *
 * <p>Exit codes: 0 when no probe regressed, 1 when at least one did, 2 for bad input (a bad option,
 * an unreadable or incompatible file, no probe in common), with the reason on stderr.
 */
final class CompareCommand {

    static final int OK = 0;
    static final int REGRESSED = 1;
    static final int BAD_INPUT = 2;

    static final String USAGE = "compare <baseline> <current> [--tolerance 20%] [--tail-tolerance 100%]"
            + " [--min-change 1us] [--min-samples 1000] [--format text|markdown|junit]";

    /** What was compared, for every output format. */
    record Outcome(Baseline baseline, Baseline current, RegressionRule rule, List<ProbeComparison> probes) {

        long count(RegressionStatus status) {
            return probes.stream().filter(p -> p.status() == status).count();
        }

        List<String> names(RegressionStatus status) {
            return probes.stream().filter(p -> p.status() == status).map(ProbeComparison::name).toList();
        }
    }

    private CompareCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> files = new ArrayList<>();
        double tolerance = RegressionRule.DEFAULT_TOLERANCE;
        double tailTolerance = RegressionRule.DEFAULT_TAIL_TOLERANCE;
        long minChange = RegressionRule.DEFAULT_MIN_CHANGE_NANOS;
        long minSamples = RegressionRule.DEFAULT_MIN_SAMPLES;
        String format = "text";
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String name = arg;
                String value = null;
                if (arg.startsWith("--") && arg.contains("=")) {
                    name = arg.substring(0, arg.indexOf('='));
                    value = arg.substring(arg.indexOf('=') + 1);
                }
                switch (name) {
                    case "--tolerance" -> {
                        value = value != null ? value : valueOf(args, ++i, name);
                        tolerance = BaselineSettings.parseTolerance(value);
                    }
                    case "--tail-tolerance" -> {
                        value = value != null ? value : valueOf(args, ++i, name);
                        tailTolerance = BaselineSettings.parseTolerance(value);
                    }
                    case "--min-change" -> {
                        value = value != null ? value : valueOf(args, ++i, name);
                        minChange = parseDuration(name, value);
                    }
                    case "--min-samples" -> {
                        value = value != null ? value : valueOf(args, ++i, name);
                        minSamples = parseMinSamples(value);
                    }
                    case "--format" -> {
                        format = (value != null ? value : valueOf(args, ++i, name)).toLowerCase(Locale.ROOT);
                        if (!List.of("text", "markdown", "junit").contains(format)) {
                            throw new IllegalArgumentException("--format: '" + format
                                    + "' is not a format: use text, markdown or junit");
                        }
                    }
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option '" + arg + "'");
                        }
                        files.add(arg);
                    }
                }
            }
            if (files.size() != 2) {
                throw new IllegalArgumentException("expected two files, a baseline and a current run, got "
                        + files.size());
            }
        } catch (IllegalArgumentException e) {
            err.println("perfweave compare: " + e.getMessage());
            err.println("usage: java -jar perfweave-agent.jar " + USAGE);
            return BAD_INPUT;
        }

        Baseline baseline;
        Baseline current;
        try {
            baseline = BaselineReader.read(Path.of(files.get(0)));
            current = BaselineReader.read(Path.of(files.get(1)));
        } catch (BaselineFormatException e) {
            err.println("perfweave compare: " + e.getMessage());
            return BAD_INPUT;
        }
        RegressionRule rule;
        try {
            rule = new RegressionRule(tolerance, tailTolerance, minChange, minSamples);
        } catch (IllegalArgumentException e) {
            err.println("perfweave compare: " + e.getMessage());
            return BAD_INPUT;
        }
        List<ProbeComparison> probes = BaselineComparison.compare(baseline, BaselineComparison.measured(current),
                new RegressionRules(rule, Map.of()), true);
        boolean anyCommon = current.probes().stream().anyMatch(p -> baseline.probe(p.name()).isPresent());
        if (!anyCommon) {
            err.println("perfweave compare: no probe in common: the baseline " + files.get(0) + " has "
                    + names(baseline) + ", the current run " + files.get(1) + " has " + names(current));
            return BAD_INPUT;
        }
        Outcome outcome = new Outcome(baseline, current, rule, probes);
        switch (format) {
            case "markdown" -> out.print(ComparisonFormats.markdown(outcome));
            case "junit" -> out.print(ComparisonFormats.junitXml(outcome));
            default -> out.print(ComparisonFormats.text(outcome));
        }
        out.flush();
        return outcome.count(RegressionStatus.REGRESSED) > 0 ? REGRESSED : OK;
    }

    private static String names(Baseline baseline) {
        return baseline.probes().isEmpty() ? "no probes"
                : "probes " + String.join(", ", baseline.probes().stream().map(p -> p.name()).toList());
    }

    private static String valueOf(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static long parseDuration(String option, String text) {
        try {
            return DurationValue.parseNanos(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    private static long parseMinSamples(String text) {
        try {
            long value = Long.parseLong(text.strip().replace("_", ""));
            if (value < 1) {
                throw new IllegalArgumentException("--min-samples: must be at least 1, not " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--min-samples: '" + text + "' is not a whole number");
        }
    }
}
