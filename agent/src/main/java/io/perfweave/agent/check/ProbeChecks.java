package io.perfweave.agent.check;

import io.perfweave.agent.baseline.Baseline;
import io.perfweave.agent.baseline.BaselineComparison;
import io.perfweave.agent.baseline.BaselineFormatException;
import io.perfweave.agent.baseline.BaselineReader;
import io.perfweave.agent.baseline.ComparisonText;
import io.perfweave.agent.baseline.ProbeComparison;
import io.perfweave.agent.baseline.RegressionRules;
import io.perfweave.agent.baseline.RegressionStatus;
import io.perfweave.agent.config.BudgetLimits;
import io.perfweave.agent.config.BudgetMetric;
import io.perfweave.agent.core.AgentVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Answers the requests that reach the agent through {@code boot.AgentBridge}: checkpoints, and checks
 * of the calls made since one against a baseline file (in the words of the {@code compare} command),
 * latency limits, and the probes' configured latency budgets (in the words of the budget log line).
 * Any thread may call it; the latency comes from the reporter's hand-off.
 *
 * <p>Two request forms of a check are understood, so that an application built against an older
 * {@code perfweave-agent-api} keeps working: {@value #CHECK} with positional elements, and
 * {@value #CHECK_V2} with named options, which a newer API needs for budgets. An option or request
 * this agent does not know is answered with an error naming its version, never guessed at.
 *
 * <p>A checkpoint is a copy of every probe's cumulative latency histogram; a check subtracts it from
 * a fresh copy, so it judges exactly the calls that finished between the two. The most recent
 * {@value #KEPT_CHECKPOINTS} checkpoints are kept, which bounds the memory of a test suite that
 * takes checkpoints and never checks them.
 */
public final class ProbeChecks {

    /** The reporter's latency of every probe so far, keyed by probe name; the caller owns the copies. */
    @FunctionalInterface
    public interface LatencySource {
        Map<String, Histogram> latencySoFar() throws Exception;
    }

    /** The budget the agent judges a probe by ({@code BudgetSettings.budgetOf}), by probe name. */
    @FunctionalInterface
    public interface BudgetSource {
        BudgetLimits budgetOf(String probe);
    }

    /** What a check found: {@code passed}, {@code failed}, or {@code error} for a check that could not be made. */
    public record Result(String status, String message) {
        String[] toAnswer() {
            return new String[] {status, message};
        }
    }

    static final int KEPT_CHECKPOINTS = 256;

    /** {@code {"check", id, baselineFile or "", p50 or "", p99 or "", max or "", probe...}}: the first form. */
    static final String CHECK = "check";
    /**
     * {@code {"check-v2", id, option...}}, each option {@code key=value}: {@code probe=<name>} (once per
     * probe), {@code baseline=<file>}, {@code p50=}, {@code p99=}, {@code max=} (durations) and
     * {@code budgets=true}.
     */
    static final String CHECK_V2 = "check-v2";

    private final LatencySource latency;
    private final BudgetSource budgets;
    private final RegressionRules rules;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, Map<String, Histogram>> checkpoints = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Map<String, Histogram>> eldest) {
            return size() > KEPT_CHECKPOINTS;
        }
    };

    public ProbeChecks(LatencySource latency, BudgetSource budgets, RegressionRules rules) {
        this.latency = latency;
        this.budgets = budgets;
        this.rules = rules;
    }

    /** The bridge's handler; never throws. */
    public String[] handle(String[] request) {
        try {
            if (request.length >= 1 && request[0].equals("checkpoint")) {
                return new String[] {"ok", Long.toString(checkpoint())};
            }
            if (request.length >= 6 && request[0].equals(CHECK)) {
                Path baseline = request[2].isEmpty() ? null : Path.of(request[2]);
                LatencyLimits limits = LatencyLimits.parse(request[3], request[4], request[5]);
                List<String> probes = Arrays.asList(request).subList(6, request.length);
                return check(Long.parseLong(request[1]), probes, baseline, limits, false).toAnswer();
            }
            if (request.length >= 2 && request[0].equals(CHECK_V2)) {
                return checkV2(request);
            }
            return new String[] {"error", "Perfweave: this agent (" + AgentVersion.get() + ") does not understand the request "
                    + Arrays.toString(request) + "; perfweave-agent-api must be of the same version as the agent"};
        } catch (Throwable t) {
            return new String[] {"error", "Perfweave: " + (t.getMessage() != null ? t.getMessage() : t.toString())};
        }
    }

    private String[] checkV2(String[] request) throws Exception {
        List<String> probes = new ArrayList<>();
        String baseline = "";
        String p50 = "";
        String p99 = "";
        String max = "";
        boolean judgeBudgets = false;
        for (String option : Arrays.asList(request).subList(2, request.length)) {
            int equals = option.indexOf('=');
            String key = equals < 0 ? option : option.substring(0, equals);
            String value = equals < 0 ? "" : option.substring(equals + 1);
            switch (key) {
                case "probe" -> probes.add(value);
                case "baseline" -> baseline = value;
                case "p50" -> p50 = value;
                case "p99" -> p99 = value;
                case "max" -> max = value;
                case "budgets" -> judgeBudgets = Boolean.parseBoolean(value);
                default -> {
                    return new String[] {"error", "Perfweave: this agent (" + AgentVersion.get()
                            + ") does not understand the check option '" + option
                            + "'; perfweave-agent-api must be of the same version as the agent"};
                }
            }
        }
        return check(Long.parseLong(request[1]), probes, baseline.isEmpty() ? null : Path.of(baseline),
                LatencyLimits.parse(p50, p99, max), judgeBudgets).toAnswer();
    }

    public long checkpoint() throws Exception {
        Map<String, Histogram> now = latency.latencySoFar();
        long id = nextId.getAndIncrement();
        synchronized (checkpoints) {
            checkpoints.put(id, now);
        }
        return id;
    }

    /** The latency of each probe since a checkpoint: calls that finished after it. */
    Map<String, Histogram> since(long checkpointId) throws Exception {
        Map<String, Histogram> before;
        synchronized (checkpoints) {
            before = checkpoints.get(checkpointId);
        }
        if (before == null) {
            throw new IllegalArgumentException("no checkpoint " + checkpointId + " (only the latest "
                    + KEPT_CHECKPOINTS + " are kept)");
        }
        Map<String, Histogram> difference = new LinkedHashMap<>();
        latency.latencySoFar().forEach((name, now) -> {
            Histogram earlier = before.get(name);
            if (earlier != null) {
                now.subtract(earlier);
            }
            difference.put(name, now);
        });
        return difference;
    }

    /**
     * Judges the named probes' calls since a checkpoint. Fails on a probe that regressed against the
     * baseline or could not be judged against it (too few calls), on any exceeded limit, and, with
     * {@code judgeBudgets}, on any exceeded latency budget or one that cannot be judged (fewer calls
     * than its {@code minSamples}). Naming a probe without a latency budget then is an error.
     */
    public Result check(long checkpointId, List<String> probeNames, Path baselineFile, LatencyLimits limits,
                        boolean judgeBudgets) throws Exception {
        if (probeNames.isEmpty()) {
            return new Result("error", "Perfweave: no probe named to check");
        }
        if (baselineFile == null && !limits.any() && !judgeBudgets) {
            return new Result("error", "Perfweave: nothing to check for " + String.join(", ", probeNames)
                    + ": name a baseline file, a limit (p50, p99, max) or the configured budgets");
        }
        Baseline baseline = null;
        if (baselineFile != null) {
            try {
                baseline = BaselineReader.read(baselineFile);
            } catch (BaselineFormatException e) {
                return new Result("error", "Perfweave: " + e.getMessage());
            }
        }
        Map<String, Histogram> since = since(checkpointId);
        List<String> unknown = probeNames.stream().filter(name -> !since.containsKey(name)).toList();
        if (!unknown.isEmpty()) {
            return new Result("error", "Perfweave: no probe named " + String.join(", ", unknown)
                    + " in this agent's configuration; its probes: " + String.join(", ", since.keySet()));
        }

        Map<String, LatencyBudget> budgetsByProbe = new LinkedHashMap<>();
        if (judgeBudgets) {
            for (String name : probeNames) {
                BudgetLimits budget = budgets.budgetOf(name);
                LatencyBudget latencyBudget = LatencyBudget.of(budget);
                if (!latencyBudget.any()) {
                    return new Result("error", "Perfweave: " + name + " has no latency budget to judge"
                            + withoutLatency(budget) + "; give it one with probe." + name
                            + ".budget.p99 (or p50, p90, p999, max, mean), @Profiled or budget.default.*");
                }
                budgetsByProbe.put(name, latencyBudget);
            }
        }

        List<String> failures = new ArrayList<>();
        if (baseline != null) {
            List<BaselineComparison.Measured> measured = probeNames.stream()
                    .map(name -> new BaselineComparison.Measured(name, "", since.get(name))).toList();
            List<ProbeComparison> compared = BaselineComparison.compare(baseline, measured, rules, false);
            boolean bad = compared.stream().anyMatch(p -> p.status() == RegressionStatus.REGRESSED
                    || p.status() == RegressionStatus.INSUFFICIENT_DATA);
            if (bad) {
                StringBuilder text = new StringBuilder("compared with baseline " + baseline.describe()
                        + " (calls since the checkpoint):");
                for (ProbeComparison probe : compared) {
                    String status = probe.status() == RegressionStatus.REGRESSED ? "REGRESSED" : probe.status().label();
                    text.append(System.lineSeparator()).append(String.format(Locale.ROOT, "%-17s ", status))
                            .append(ComparisonText.describe(probe));
                }
                failures.add(text.toString());
            }
        }
        if (limits.any()) {
            for (String name : probeNames) {
                failures.addAll(limits.violations(name, since.get(name)));
            }
        }
        budgetsByProbe.forEach((name, budget) -> failures.addAll(budget.violations(name, since.get(name))));
        if (failures.isEmpty()) {
            return new Result("passed", "Perfweave: " + String.join(", ", probeNames) + " passed");
        }
        return new Result("failed", "Perfweave: " + String.join(System.lineSeparator(), failures));
    }

    /** The same check without budgets: the first request form's. */
    public Result check(long checkpointId, List<String> probeNames, Path baselineFile, LatencyLimits limits)
            throws Exception {
        return check(checkpointId, probeNames, baselineFile, limits, false);
    }

    /** Names the limits a budget has besides latency, which the agent judges during the run, not a check. */
    private static String withoutLatency(BudgetLimits budget) {
        List<String> others = budget.limits().keySet().stream().map(BudgetMetric::key).toList();
        return others.isEmpty() ? " in this agent's configuration"
                : " (its " + String.join(", ", others) + " limits are judged by the agent during the run, not by a check)";
    }
}
