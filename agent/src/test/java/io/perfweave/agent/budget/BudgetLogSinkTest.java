package io.perfweave.agent.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.LoggedOutput;
import io.perfweave.agent.config.BudgetMetric;
import io.perfweave.agent.jvm.JvmContext;
import io.perfweave.agent.jvm.PressureLevel;
import io.perfweave.agent.report.BudgetStatus;
import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.LatencySummary;
import io.perfweave.agent.report.ProbeSnapshot;
import io.perfweave.agent.report.ReportSnapshot;
import io.perfweave.agent.report.ReporterHealth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The log lines of budget events, with what the JVM did in the window of a raised violation. */
class BudgetLogSinkTest {

    private static final Instant END = Instant.parse("2026-11-23T10:00:10Z");
    private static final long WINDOW = 10_000_000_000L;

    private static ReportSnapshot snapshotRaising() {
        return snapshotRaising(null);
    }

    private static ReportSnapshot snapshotRaising(JvmContext context) {
        BudgetStatus.Violation raised = new BudgetStatus.Violation("checkout", BudgetMetric.P99, 25_000_000, 31_200_000,
                1204, WINDOW, END, null, Double.NaN, 0, context);
        BudgetStatus budget = new BudgetStatus(List.of(new BudgetStatus.Limit(BudgetMetric.P99, 25_000_000, true)),
                List.of(raised), List.of(raised), List.of(), List.of());
        CallStats total = new CallStats(1, 0, 0, LatencySummary.EMPTY, LatencySummary.EMPTY, null, 0, 0);
        ProbeSnapshot probe = new ProbeSnapshot(0, "checkout", "com.acme.Checkout#run", List.of(), 1, total, total,
                new Histogram(2), new Histogram(2), List.of(), budget);
        return new ReportSnapshot(END.minusSeconds(10), END.minusSeconds(1), END, false, List.of(probe), 0, List.of(),
                ReporterHealth.NONE);
    }

    @Test
    void aRaisedViolationSaysWhatTheJvmDidInItsWindow() {
        List<Instant[]> asked = new ArrayList<>();
        BudgetLogSink sink = new BudgetLogSink(0.1, (start, end) -> {
            asked.add(new Instant[] {start, end});
            return new JvmContext(start, end, 3, 41, 30, "G1 Old Generation", 0, PressureLevel.YELLOW, true);
        });

        String logged = LoggedOutput.of(() -> sink.onInterval(snapshotRaising()));

        assertThat(logged).contains("budget exceeded: checkout p99 31.2ms > 25.0ms over last 10.0s (n=1204); JVM meanwhile: "
                + "3 GC pauses, 41 ms (0.4% of the window), longest 30 ms (G1 Old Generation); memory pressure yellow\n");
        assertThat(asked).singleElement().satisfies(window -> {
            assertThat(window[0]).isEqualTo(END.minusNanos(WINDOW));
            assertThat(window[1]).isEqualTo(END);
        });
    }

    @Test
    void aViolationThatCarriesItsJvmContextIsLoggedWithThatOne() {
        JvmContext taken = new JvmContext(END.minusNanos(WINDOW), END, 1, 120, 120, "G1 Young Generation", 2,
                PressureLevel.ORANGE, true);
        BudgetLogSink sink = new BudgetLogSink(0.1, (start, end) -> {
            throw new AssertionError("the violation's own context is the one to log");
        });

        String logged = LoggedOutput.of(() -> sink.onInterval(snapshotRaising(taken)));

        assertThat(logged).contains("(n=1204); JVM meanwhile: 1 GC pause, 120 ms (1.2% of the window), longest 120 ms"
                + " (G1 Young Generation), 2 concurrent GC cycles; memory pressure orange\n");
    }

    @Test
    void withoutAJvmMonitorTheLineEndsWithTheSampleCount() {
        String logged = LoggedOutput.of(() -> new BudgetLogSink(0.1, null).onInterval(snapshotRaising()));

        assertThat(logged).contains("budget exceeded: checkout p99 31.2ms > 25.0ms over last 10.0s (n=1204)\n");
    }

}
