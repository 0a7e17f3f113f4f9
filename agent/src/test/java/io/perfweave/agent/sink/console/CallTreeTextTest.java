package io.perfweave.agent.sink.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.report.CallEdge;
import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.LatencySummary;
import io.perfweave.agent.report.ProbeSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class CallTreeTextTest {

    /** Table indent, then the indentation of the tree, the name, and the three figures. */
    private static final Pattern ROW = Pattern.compile("^  ( *)(\\S.*?) {2,}(\\d+) +(\\S+) +(\\S+)$");

    /** One line of the tree: how deep, which probe, and its figures. */
    record Row(int depth, String name, long calls, String time, String self) {
    }

    private static ProbeSnapshot probe(int id, String name, long selfNanos) {
        CallStats total = new CallStats(1, 0, 0, LatencySummary.EMPTY, LatencySummary.EMPTY, null, selfNanos, selfNanos);
        return new ProbeSnapshot(id, name, "com.acme.X#" + name, List.of(), 1, total, total, new Histogram(2),
                new Histogram(2), List.of());
    }

    private static List<Row> rows(String rendered) {
        String[] lines = rendered.split("\n");
        assertThat(lines[0].strip().split(" {2,}")).containsExactly("call tree", "calls", "time", "self (whole run)");
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            Matcher row = ROW.matcher(lines[i]);
            assertThat(row.matches()).as("line '%s'", lines[i]).isTrue();
            assertThat(row.group(1).length() % 2).as("indentation of '%s'", lines[i]).isZero();
            rows.add(new Row(row.group(1).length() / 2, row.group(2), Long.parseLong(row.group(3)), row.group(4),
                    row.group(5)));
        }
        return rows;
    }

    @Test
    void eachProbeIsIndentedUnderItsCallerWithTheBusiestFirstAndRecursionMarkedOnce() {
        List<CallEdge> edges = List.of(
                new CallEdge(null, "checkout", 2, 10_000_000),
                new CallEdge("checkout", "parse", 4, 6_000_000),
                new CallEdge("parse", "parse", 3, 0),
                new CallEdge("parse", "db", 2, 500_000),
                new CallEdge("checkout", "db", 1, 1_000_000),
                new CallEdge("db", "checkout", 1, 100),
                new CallEdge(null, "cleanup", 5, 20_000_000));
        List<ProbeSnapshot> probes = List.of(probe(0, "checkout", 3_000_000), probe(1, "parse", 5_000_000),
                probe(2, "db", 1_500_000));

        String rendered = CallTreeText.render(edges, probes);

        assertThat(rows(rendered)).containsExactly(
                new Row(0, "cleanup", 5, "20.0ms", "-"),
                new Row(0, "checkout", 2, "10.0ms", "3.00ms"),
                new Row(1, "parse", 4, "6.00ms", "5.00ms"),
                new Row(2, "db", 2, "500us", "1.50ms"),
                new Row(3, "checkout (recursive)", 1, "100ns", "3.00ms"),
                new Row(2, "parse (recursive)", 3, "0ns", "5.00ms"),
                new Row(1, "db", 1, "1.00ms", "1.50ms"),
                new Row(2, "checkout (recursive)", 1, "100ns", "3.00ms"));
        assertThat(rendered).doesNotEndWith(" ").doesNotEndWith("\n");
    }

    @Test
    void aProbeReachedFromTwoCallersIsShownUnderEach() {
        List<CallEdge> edges = List.of(
                new CallEdge(null, "a", 1, 3_000),
                new CallEdge(null, "b", 1, 2_000),
                new CallEdge("a", "shared", 1, 1_000),
                new CallEdge("b", "shared", 1, 1_000));

        assertThat(rows(CallTreeText.render(edges, List.of()))).extracting(Row::depth, Row::name)
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple(0, "a"),
                        org.assertj.core.api.Assertions.tuple(1, "shared"),
                        org.assertj.core.api.Assertions.tuple(0, "b"),
                        org.assertj.core.api.Assertions.tuple(1, "shared"));
    }

    @Test
    void withoutARootCallThereIsNoTree() {
        assertThat(CallTreeText.render(List.of(), List.of())).isNull();
        assertThat(CallTreeText.render(List.of(new CallEdge("a", "b", 1, 1)), List.of())).isNull();
    }
}
