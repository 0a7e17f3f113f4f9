package io.perfweave.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.perfweave.agent.probe.ProbeRing;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallTreeRecorderTest {

    private static String name(int probeId) {
        return "p" + probeId;
    }

    @Test
    void countsCallsAndTimePerEdgeAndNamesRootsWithoutParent() {
        CallTreeRecorder tree = new CallTreeRecorder();
        tree.record(ProbeRing.NO_PARENT, 0, 1_000, false);
        tree.record(0, 1, 300, false);
        tree.record(0, 1, 200, false);
        tree.record(ProbeRing.NO_PARENT, 0, 2_000, false);
        tree.record(1, 2, 50, false);
        tree.record(ProbeRing.NO_PARENT, 2, 70, false);

        assertThat(tree.edges(CallTreeRecorderTest::name))
                .extracting(CallEdge::parent, CallEdge::child, CallEdge::calls, CallEdge::timeNanos)
                .containsExactlyInAnyOrder(
                        tuple(null, "p0", 2L, 3_000L),
                        tuple("p0", "p1", 2L, 500L),
                        tuple("p1", "p2", 1L, 50L),
                        tuple(null, "p2", 1L, 70L));
    }

    @Test
    void aNestedCallIsCountedButItsTimeIsInTheOuterCallAlready() {
        CallTreeRecorder tree = new CallTreeRecorder();
        tree.record(5, 5, 400, true);
        tree.record(5, 5, 300, true);
        tree.record(ProbeRing.NO_PARENT, 5, 1_000, false);
        tree.record(6, 5, 100, true);
        tree.record(6, 5, 250, false);

        assertThat(tree.edges(CallTreeRecorderTest::name))
                .extracting(CallEdge::parent, CallEdge::child, CallEdge::calls, CallEdge::timeNanos)
                .containsExactlyInAnyOrder(
                        tuple("p5", "p5", 2L, 0L),
                        tuple(null, "p5", 1L, 1_000L),
                        tuple("p6", "p5", 2L, 250L));
    }

    @Test
    void noCallNoEdge() {
        assertThat(new CallTreeRecorder().edges(CallTreeRecorderTest::name)).isEmpty();
    }

    /** Far more edges than the table starts with: it grows many times and loses nothing on the way. */
    @Test
    void keepsEveryEdgeThroughManyResizes() {
        CallTreeRecorder tree = new CallTreeRecorder();
        Map<List<Integer>, long[]> expected = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            for (int parent = ProbeRing.NO_PARENT; parent < 60; parent++) {
                for (int child = 0; child < 4096; child += 97) {
                    long nanos = 1_000L * (parent + 2) + child + round;
                    tree.record(parent, child, nanos, false);
                    long[] sums = expected.computeIfAbsent(List.of(parent, child), k -> new long[2]);
                    sums[0]++;
                    sums[1] += nanos;
                }
            }
        }
        tree.record(4095, 4095, 9, false);
        expected.put(List.of(4095, 4095), new long[] {1, 9});

        List<CallEdge> edges = tree.edges(CallTreeRecorderTest::name);

        assertThat(expected).hasSizeGreaterThan(2_500);
        assertThat(edges).hasSize(expected.size());
        Map<List<Integer>, long[]> actual = new HashMap<>();
        for (CallEdge edge : edges) {
            int parent = edge.parent() == null ? ProbeRing.NO_PARENT : Integer.parseInt(edge.parent().substring(1));
            int child = Integer.parseInt(edge.child().substring(1));
            assertThat(actual.put(List.of(parent, child), new long[] {edge.calls(), edge.timeNanos()}))
                    .as("edge %s -> %s listed once", edge.parent(), edge.child()).isNull();
        }
        expected.forEach((edge, sums) -> assertThat(actual.get(edge)).as("edge %s", edge).containsExactly(sums));
    }
}
