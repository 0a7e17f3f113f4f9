package io.perfweave.agent.baseline;

import io.perfweave.agent.jvm.JvmContextSource;
import io.perfweave.agent.report.ReportSink;
import io.perfweave.agent.report.ReportSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs how the run compares with the baseline: a line when a probe's status changes from one
 * interval to the next (not every interval: a steady state is news only once), and a summary at
 * exit with every regressed probe and its numbers. When it has a {@link JvmContextSource}, each line
 * also says what the JVM was doing (GC pauses, memory pressure) in the interval the change was seen in,
 * and the summary over the whole run, to tell a slower method from a collecting JVM.
 */
public final class RegressionLogSink implements ReportSink {

    private static final Logger LOG = LoggerFactory.getLogger("perfweave.baseline");

    private final BaselineVerdicts verdicts;
    private final Map<String, RegressionStatus> lastStatus = new HashMap<>();
    private final JvmContextSource jvm;

    public RegressionLogSink(BaselineVerdicts verdicts) {
        this(verdicts, null);
    }

    /** @param jvm the JVM context of a window, or {@code null} to log without it */
    public RegressionLogSink(BaselineVerdicts verdicts, JvmContextSource jvm) {
        this.verdicts = verdicts;
        this.jvm = jvm;
    }

    @Override
    public void onInterval(ReportSnapshot snapshot) {
        for (ProbeComparison probe : verdicts.of(snapshot).values()) {
            RegressionStatus before = lastStatus.put(probe.name(), probe.status());
            boolean firstNews = before == null && probe.status() != RegressionStatus.INSUFFICIENT_DATA;
            if (firstNews || (before != null && before != probe.status())) {
                log(probe, jvmContext(snapshot.intervalStart(), snapshot));
            }
        }
    }

    @Override
    public void onFinal(ReportSnapshot snapshot) {
        List<ProbeComparison> probes = List.copyOf(verdicts.of(snapshot).values());
        Map<RegressionStatus, List<String>> byStatus = probes.stream().collect(Collectors.groupingBy(
                ProbeComparison::status, Collectors.mapping(ProbeComparison::name, Collectors.toList())));
        List<String> counts = new ArrayList<>();
        for (RegressionStatus status : RegressionStatus.values()) {
            List<String> names = byStatus.getOrDefault(status, List.of());
            counts.add(names.size() + " " + status.label() + (names.isEmpty() || status == RegressionStatus.UNCHANGED
                    ? "" : " (" + String.join(", ", names) + ")"));
        }
        String summary = "comparison with baseline " + verdicts.baseline().describe() + ": " + String.join(", ", counts)
                + jvmContext(snapshot.runStart(), snapshot);
        if (byStatus.containsKey(RegressionStatus.REGRESSED)) {
            LOG.warn("{}\n  {}", summary, ComparisonText.regressions(probes).replace(System.lineSeparator(), "\n  "));
        } else {
            LOG.info("{}", summary);
        }
    }

    /** {@code "; JVM meanwhile: ..."} for the window from {@code start} to the snapshot's end, or nothing without a source. */
    private String jvmContext(java.time.Instant start, ReportSnapshot snapshot) {
        return JvmContextSource.meanwhile(jvm, start, snapshot.intervalEnd());
    }

    private static void log(ProbeComparison probe, String jvmContext) {
        String details = ComparisonText.details(probe) + jvmContext;
        if (probe.status() == RegressionStatus.REGRESSED) {
            LOG.warn("probe {} now {}: {}", probe.name(), probe.status().label(), details);
        } else {
            LOG.info("probe {} now {}: {}", probe.name(), probe.status().label(), details);
        }
    }

    @Override
    public String name() {
        return "baseline comparison log";
    }
}
