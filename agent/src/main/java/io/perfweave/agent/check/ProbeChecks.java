package io.perfweave.agent.check;

import io.perfweave.agent.baseline.Baseline;
import io.perfweave.agent.baseline.BaselineComparison;
import io.perfweave.agent.baseline.BaselineFormatException;
import io.perfweave.agent.baseline.BaselineReader;
import io.perfweave.agent.baseline.ComparisonText;
import io.perfweave.agent.baseline.ProbeComparison;
import io.perfweave.agent.baseline.RegressionRules;
import io.perfweave.agent.baseline.RegressionStatus;
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
 * of the calls made since one against a baseline file and latency limits, in the words of the
 * {@code compare} command. Any thread may call it; the latency comes from the reporter's hand-off.
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

    /** What a check found: {@code passed}, {@code failed}, or {@code error} for a check that could not be made. */
    public record Result(String status, String message) {
        String[] toAnswer() {
            return new String[] {status, message};
        }
    }

    static final int KEPT_CHECKPOINTS = 256;

    private final LatencySource latency;
    private final RegressionRules rules;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, Map<String, Histogram>> checkpoints = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Map<String, Histogram>> eldest) {
            return size() > KEPT_CHECKPOINTS;
        }
    };

    public ProbeChecks(LatencySource latency, RegressionRules rules) {
        this.latency = latency;
        this.rules = rules;
    }

    /** The bridge's handler; never throws. */
    public String[] handle(String[] request) {
        try {
            if (request.length >= 1 && request[0].equals("checkpoint")) {
                return new String[] {"ok", Long.toString(checkpoint())};
            }
            if (request.length >= 6 && request[0].equals("check")) {
                Path baseline = request[2].isEmpty() ? null : Path.of(request[2]);
                LatencyLimits limits = LatencyLimits.parse(request[3], request[4], request[5]);
                List<String> probes = Arrays.asList(request).subList(6, request.length);
                return check(Long.parseLong(request[1]), probes, baseline, limits).toAnswer();
            }
            return new String[] {"error", "Perfweave: unknown request " + Arrays.toString(request)
                    + "; are the agent and perfweave-agent-api of the same version?"};
        } catch (Throwable t) {
            return new String[] {"error", "Perfweave: " + (t.getMessage() != null ? t.getMessage() : t.toString())};
        }
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
     * baseline or could not be judged against it (too few calls), and on any exceeded limit.
     */
    public Result check(long checkpointId, List<String> probeNames, Path baselineFile, LatencyLimits limits)
            throws Exception {
        if (probeNames.isEmpty()) {
            return new Result("error", "Perfweave: no probe named to check");
        }
        if (baselineFile == null && !limits.any()) {
            return new Result("error", "Perfweave: nothing to check for " + String.join(", ", probeNames)
                    + ": name a baseline file or a limit (p50, p99, max)");
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
        for (String name : probeNames) {
            failures.addAll(limits.violations(name, since.get(name)));
        }
        if (failures.isEmpty()) {
            return new Result("passed", "Perfweave: " + String.join(", ", probeNames) + " passed");
        }
        return new Result("failed", "Perfweave: " + String.join(System.lineSeparator(), failures));
    }
}
