package io.perfweave.agent.sink.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.LoggedOutput;
import io.perfweave.agent.config.BudgetMetric;
import io.perfweave.agent.report.AllocationSummary;
import io.perfweave.agent.report.BudgetStatus;
import io.perfweave.agent.report.CallEdge;
import io.perfweave.agent.config.ProbePriority;
import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.LatencySummary;
import io.perfweave.agent.report.ProbeSnapshot;
import io.perfweave.agent.report.ReportSnapshot;
import io.perfweave.agent.report.ReporterHealth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The console sink logs through SLF4J's simple logger, which writes to whatever {@code System.err}
 * is at the time: the tests read the tables from there.
 */
class ConsoleTableSinkTest {

    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant END = Instant.parse("2024-05-01T10:00:10Z");
    private static final LatencySummary LATENCY = new LatencySummary(120, 1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 2_500);
    private static final LatencySummary FAILED = new LatencySummary(3, 7_000, 8_000, 9_000, 9_000, 9_000, 12_000, 8_500);
    private static final List<String> BASE_COLUMNS = List.of("probe", "calls", "errors", "err%", "p50", "p90", "p99",
            "p99.9", "max", "mean");

    private static CallStats stats(long calls, long errors, LatencySummary failed, AllocationSummary allocation) {
        return new CallStats(calls, errors, 0, calls == 0 ? LatencySummary.EMPTY : LATENCY, failed, allocation, 0, 0);
    }

    private static CallStats plain(long calls) {
        return stats(calls, 0, LatencySummary.EMPTY, null);
    }

    private static ProbeSnapshot probe(int id, String name, CallStats interval, CallStats total) {
        return new ProbeSnapshot(id, name, "com.acme.X#" + name, List.of("com.acme.X#" + name + "()"), 1, interval, total,
                new Histogram(2), new Histogram(2), List.of());
    }

    private static ReportSnapshot snapshot(boolean last, List<CallEdge> edges, ProbeSnapshot... probes) {
        return new ReportSnapshot(START, START, END, last, List.of(probes), 0, edges, ReporterHealth.NONE);
    }

    /** The cells of the table whose header starts with {@code probe}: header first. */
    private static List<List<String>> table(String output) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : output.split("\n")) {
            List<String> cells = Arrays.asList(line.strip().split(" {2,}"));
            if (rows.isEmpty() ? line.startsWith("  ") && cells.get(0).equals("probe") : line.startsWith("  ")) {
                rows.add(cells);
            } else if (!rows.isEmpty()) {
                break;
            }
        }
        assertThat(rows).as("a table in:\n%s", output).isNotEmpty();
        return rows;
    }

    @Test
    void withoutFailuresOrAllocationOnlyTheBaseColumnsAreShown() {
        ReportSnapshot snapshot = snapshot(true, List.of(), probe(0, "checkout", plain(0), plain(120)),
                probe(1, "idle", plain(0), plain(0)));

        List<List<String>> table = table(LoggedOutput.of(() -> new ConsoleTableSink(false, true).onFinal(snapshot)));

        assertThat(table.get(0)).containsExactlyElementsOf(BASE_COLUMNS);
        assertThat(table.get(1)).containsExactly("checkout", "120", "0", "0", "2.00us", "3.00us", "4.00us", "5.00us",
                "6.00us", "2.50us");
        assertThat(table.get(2)).containsExactly("idle", "0", "0", "0", "-", "-", "-", "-", "-", "-");
        assertThat(table).hasSize(3);
    }

    @Test
    void aProbeSampledDownShowsTheRateInForceAndTheShareOfCallsTimed() {
        // 1200 calls, 120 of them timed: adaptive sampling at 1/16 for part of the run, or one in ten overall.
        CallStats sampled = new CallStats(1200, 0, 0, LATENCY, LatencySummary.EMPTY, null, 0, 0, 1080);
        ProbeSnapshot lowered = new ProbeSnapshot(0, "checkout", "com.acme.X#checkout", List.of(), 1, sampled, sampled,
                new Histogram(2), new Histogram(2), List.of(), null, null, 1, BudgetStatus.NONE, true,
                ProbePriority.LOW, 16);
        ReportSnapshot snapshot = snapshot(false, List.of(), lowered, probe(1, "parse", plain(120), plain(120)));

        List<List<String>> table = table(LoggedOutput.of(() -> new ConsoleTableSink(true, false).onInterval(snapshot)));

        assertThat(table.get(0)).endsWith("mean", "timed");
        assertThat(table.get(1)).startsWith("checkout", "1200").endsWith("1/16 10.0%");
        assertThat(table.get(2)).startsWith("parse", "120").endsWith("100.0%");
    }

    @Test
    void withoutSamplingThereIsNoTimedColumn() {
        ReportSnapshot snapshot = snapshot(false, List.of(), probe(0, "checkout", plain(120), plain(120)));

        List<List<String>> table = table(LoggedOutput.of(() -> new ConsoleTableSink(true, false).onInterval(snapshot)));

        assertThat(table.get(0)).containsExactlyElementsOf(BASE_COLUMNS);
    }

    @Test
    void failedLatencyColumnsAppearWhenSomeCallFailed() {
        ReportSnapshot snapshot = snapshot(true, List.of(),
                probe(0, "checkout", plain(0), stats(120, 3, FAILED, null)),
                probe(1, "parse", plain(0), plain(10)));

        List<List<String>> table = table(LoggedOutput.of(() -> new ConsoleTableSink(false, true).onFinal(snapshot)));

        List<String> expectedHeader = new ArrayList<>(BASE_COLUMNS);
        expectedHeader.addAll(List.of("fail p50", "fail max"));
        assertThat(table.get(0)).containsExactlyElementsOf(expectedHeader);
        assertThat(table.get(1)).startsWith("checkout", "120", "3", "2.50%").endsWith("8.00us", "12.0us");
        assertThat(table.get(2)).startsWith("parse", "10", "0", "0").endsWith("2.50us", "-", "-");
    }

    @Test
    void allocationColumnsAppearWhenSomeProbeMeasuresIt() {
        AllocationSummary allocation = new AllocationSummary(120, 16, 8_016, 8_016, 16_000, 16_032, 8_016, 120 * 8_016L);
        AllocationSummary unmeasured = new AllocationSummary(0, 0, 0, 0, 0, 0, 0, 0);
        ReportSnapshot snapshot = snapshot(true, List.of(),
                probe(0, "checkout", plain(0), stats(120, 0, LatencySummary.EMPTY, allocation)),
                probe(1, "parse", plain(0), plain(10)),
                probe(2, "virtual", plain(0), stats(4, 0, LatencySummary.EMPTY, unmeasured)));

        List<List<String>> table = table(LoggedOutput.of(() -> new ConsoleTableSink(false, true).onFinal(snapshot)));

        List<String> expectedHeader = new ArrayList<>(BASE_COLUMNS);
        expectedHeader.addAll(List.of("alloc/call", "alloc p99"));
        assertThat(table.get(0)).containsExactlyElementsOf(expectedHeader);
        assertThat(table.get(1)).startsWith("checkout").endsWith("2.50us", "7.83KiB", "15.6KiB");
        assertThat(table.get(2)).startsWith("parse").endsWith("2.50us", "-", "-");
        assertThat(table.get(3)).startsWith("virtual").endsWith("2.50us", "-", "-");
    }

    @Test
    void anIntervalTableShowsOnlyTheProbesCalledInTheIntervalWithItsOwnColumns() {
        ReportSnapshot snapshot = snapshot(false, List.of(),
                probe(0, "checkout", plain(7), stats(120, 3, FAILED, null)),
                probe(1, "parse", plain(0), plain(10)));

        List<List<String>> table = table(LoggedOutput.of(() -> new ConsoleTableSink(true, true).onInterval(snapshot)));

        assertThat(table.get(0)).as("no failure in this interval").containsExactlyElementsOf(BASE_COLUMNS);
        assertThat(table).hasSize(2);
        assertThat(table.get(1)).startsWith("checkout", "7", "0", "0");
    }

    @Test
    void theFinalReportEndsWithTheCallTree() {
        List<CallEdge> edges = List.of(new CallEdge(null, "checkout", 120, 5_000_000),
                new CallEdge("checkout", "parse", 240, 1_000_000));
        ReportSnapshot snapshot = snapshot(true, edges, probe(0, "checkout", plain(0), plain(120)),
                probe(1, "parse", plain(0), plain(240)));

        String output = LoggedOutput.of(() -> new ConsoleTableSink(false, true).onFinal(snapshot));

        assertThat(output).contains("call tree of probed methods");
        assertThat(output.indexOf("call tree of probed methods")).isGreaterThan(output.indexOf("final report"));
        assertThat(output).containsPattern("\n  checkout +120 +5\\.00ms")
                .containsPattern("\n    parse +240 +1\\.00ms");
    }

    @Test
    void withoutProbedCallsThereIsNoCallTree() {
        ReportSnapshot snapshot = snapshot(true, List.of(), probe(0, "checkout", plain(0), plain(0)));

        String output = LoggedOutput.of(() -> new ConsoleTableSink(false, true).onFinal(snapshot));

        assertThat(output).contains("final report").doesNotContain("call tree");
    }

    @Test
    void aBudgetColumnMarksTheLimitsExceeded() {
        BudgetStatus over = new BudgetStatus(List.of(new BudgetStatus.Limit(BudgetMetric.P99, 25e6, true),
                new BudgetStatus.Limit(BudgetMetric.MAX, 1e9, true), new BudgetStatus.Limit(BudgetMetric.ERRORS, 0.01, false)),
                List.of(), List.of(), List.of(), List.of());
        BudgetStatus within = new BudgetStatus(List.of(new BudgetStatus.Limit(BudgetMetric.P99, 25e6, false)),
                List.of(), List.of(), List.of(), List.of());
        ProbeSnapshot checkout = new ProbeSnapshot(0, "checkout", "com.acme.X#checkout", List.of("com.acme.X#checkout()"), 1,
                plain(10), plain(10), new Histogram(2), new Histogram(2), List.of(), over);
        ProbeSnapshot parse = new ProbeSnapshot(1, "parse", "com.acme.X#parse", List.of("com.acme.X#parse()"), 1,
                plain(10), plain(10), new Histogram(2), new Histogram(2), List.of(), within);

        List<List<String>> rows = table(LoggedOutput.of(() -> new ConsoleTableSink(true, true).onInterval(
                snapshot(false, List.of(), checkout, parse, probe(2, "free", plain(5), plain(5))))));

        assertThat(rows.get(0)).last().isEqualTo("budget");
        assertThat(rows.get(1)).last().isEqualTo("OVER p99,max");
        assertThat(rows.get(2)).last().isEqualTo("ok");
        assertThat(rows.get(3)).last().isEqualTo("-");
        assertThat(table(LoggedOutput.of(() -> new ConsoleTableSink(true, true).onInterval(
                snapshot(false, List.of(), probe(2, "free", plain(5), plain(5)))))).get(0)).doesNotContain("budget");
    }

    @Test
    void eachIntervalEndsWithOneLineOfJvmHealthAndAgentCost() {
        ReportSnapshot plain = snapshot(false, List.of(), probe(0, "checkout", plain(5), plain(5)));
        ReportSnapshot withJvm = new ReportSnapshot(START, START, END, false, plain.probes(), 0, List.of(),
                ReporterHealth.NONE, io.perfweave.agent.jvm.JvmHealthSamples.health(),
                io.perfweave.agent.jvm.JvmHealthSamples.cost());

        String output = LoggedOutput.of(() -> new ConsoleTableSink(true, true).onInterval(withJvm));

        assertThat(output).contains("\n  jvm: heap 100MiB used, 128MiB committed, 256MiB max; old gen after GC 75.0% (yellow);"
                + " GC 3 pauses, 44.0ms, max 30.0ms, 1 concurrent cycle; alloc 30.0MiB/s; 21 threads; process CPU 25.0%;"
                + " agent 0.80% of CPU, 384KiB heap; leak hint: +1.50MiB/s after GC\n");
        List<List<String>> lines = table(output);
        assertThat(lines).extracting(cells -> cells.get(0)).as("under the table").containsExactly("probe", "checkout",
                "jvm: heap 100MiB used, 128MiB committed, 256MiB max; old gen after GC 75.0% (yellow); GC 3 pauses, 44.0ms,"
                        + " max 30.0ms, 1 concurrent cycle; alloc 30.0MiB/s; 21 threads; process CPU 25.0%; agent 0.80% of CPU,"
                        + " 384KiB heap; leak hint: +1.50MiB/s after GC");
        assertThat(LoggedOutput.of(() -> new ConsoleTableSink(true, true).onInterval(plain))).doesNotContain("jvm:");
    }

    @Test
    void anIntervalWithoutCallsStillShowsTheJvm() {
        ReportSnapshot idle = new ReportSnapshot(START, START, END, false, List.of(probe(0, "checkout", plain(0), plain(5))),
                0, List.of(), ReporterHealth.NONE, io.perfweave.agent.jvm.JvmHealthSamples.health(),
                io.perfweave.agent.jvm.JvmHealthSamples.cost());

        String output = LoggedOutput.of(() -> new ConsoleTableSink(true, true).onInterval(idle));

        assertThat(output).contains("interval ").contains("\n  jvm: heap 100MiB used").doesNotContain("probe ");
    }
}
