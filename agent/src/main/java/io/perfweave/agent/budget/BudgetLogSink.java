package io.perfweave.agent.budget;

import io.perfweave.agent.jvm.JvmContextSource;
import io.perfweave.agent.report.BudgetStatus;
import io.perfweave.agent.report.BudgetStatus.Anomaly;
import io.perfweave.agent.report.BudgetStatus.Violation;
import io.perfweave.agent.report.ProbeSnapshot;
import io.perfweave.agent.report.ReportSink;
import io.perfweave.agent.report.ReportSnapshot;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line when a budget is exceeded (a warning), one when it clears, and one per anomalous
 * interval, on the {@code perfweave.budget} logger. At exit it names the violations still ongoing.
 * With a {@link JvmContextSource}, a raised violation and an anomaly end with what the JVM did in
 * their window ({@code ; JVM meanwhile: 3 GC pauses, 41 ms ...}), so that "the method got slower"
 * can be told from "the JVM was collecting". A violation that carries its context (taken when it was
 * raised, see {@code BudgetEvaluator}) is logged with that one, so the log and the reports agree.
 */
public final class BudgetLogSink implements ReportSink {

    private static final Logger LOG = LoggerFactory.getLogger("perfweave.budget");

    private final double hysteresis;
    private final JvmContextSource jvm;

    /** @param jvm the JVM context of a window, or {@code null} to log without it */
    public BudgetLogSink(double hysteresis, JvmContextSource jvm) {
        this.hysteresis = hysteresis;
        this.jvm = jvm;
    }

    @Override
    public void onInterval(ReportSnapshot snapshot) {
        log(snapshot);
    }

    @Override
    public void onFinal(ReportSnapshot snapshot) {
        log(snapshot);
        for (ProbeSnapshot probe : snapshot.probes()) {
            for (Violation violation : probe.budget().violations()) {
                if (violation.ongoing()) {
                    LOG.warn("budget still exceeded at exit: {} {} (raised {})", violation.probe(), violation.metric().key(),
                            violation.raised());
                }
            }
        }
    }

    private String jvmContext(Instant start, Instant end) {
        return JvmContextSource.meanwhile(jvm, start, end);
    }

    private void log(ReportSnapshot snapshot) {
        for (ProbeSnapshot probe : snapshot.probes()) {
            BudgetStatus budget = probe.budget();
            for (Violation change : budget.changes()) {
                if (change.ongoing()) {
                    LOG.warn("{}{}", BudgetText.raised(change), change.jvm() != null
                            ? "; JVM meanwhile: " + change.jvm().describe()
                            : jvmContext(snapshot.intervalEnd().minusNanos(change.windowNanos()), snapshot.intervalEnd()));
                } else {
                    LOG.info("{}", BudgetText.cleared(change, hysteresis));
                }
            }
            for (Anomaly anomaly : budget.newAnomalies()) {
                LOG.warn("{}{}", BudgetText.anomaly(anomaly), jvmContext(anomaly.intervalStart(), anomaly.intervalEnd()));
            }
        }
    }

    @Override
    public String name() {
        return "budget log";
    }
}
