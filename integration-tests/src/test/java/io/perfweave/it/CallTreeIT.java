package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.workload.NestingApp;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Time is attributed between probed methods: total and self time, parent to child edges, recursion counted once. */
class CallTreeIT {

    private static final String NESTING = "io.perfweave.it.workload.*Nesting#";
    private static final String[] CONFIG = {
        "probe.parent.method = " + NESTING + "parent",
        "probe.child.method = " + NESTING + "child",
        "probe.factorial.method = " + NESTING + "factorial",
        "probe.timed.annotated = io.perfweave.it.workload.Timed",
    };

    private static Map<String, JsonNode> edges(ChildRun run) {
        Map<String, JsonNode> edges = new HashMap<>();
        run.report().get("callTree").forEach(e -> edges.put(e.get("parent").asText("") + "->" + e.get("child").asText(), e));
        return edges;
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void totalAndSelfTimeSplitAlongTheProbedCalls(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "call-tree").config(CONFIG).main(NestingApp.class, "platform", "2", "50").run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        long parents = run.printed("it: ", "parent-calls");
        JsonNode parent = run.probe("parent");
        JsonNode child = run.probe("child");
        Map<String, JsonNode> edges = edges(run);

        assertThat(parent.get("count").asLong()).isEqualTo(parents);
        assertThat(child.get("count").asLong()).isEqualTo(2 * parents);
        assertThat(edges.get("->parent").get("calls").asLong()).isEqualTo(parents);
        assertThat(edges.get("parent->child").get("calls").asLong()).isEqualTo(2 * parents);
        assertThat(edges).doesNotContainKey("->child");
        // Self time is total time less the time in probed callees: exactly, as both come from the same records.
        long parentTotal = parent.get("totalTimeNanos").asLong();
        assertThat(parent.get("selfTimeNanos").asLong() + edges.get("parent->child").get("timeNanos").asLong())
                .isEqualTo(parentTotal);
        // helper() is not probed: its time stays in child's self time.
        assertThat(child.get("selfTimeNanos").asLong()).isEqualTo(child.get("totalTimeNanos").asLong());
        // parent spins 300 us itself, each child 150 us: the split follows the work, whatever the machine's speed.
        assertThat(parent.get("selfTimeNanos").asLong()).isGreaterThanOrEqualTo(300_000L * parents);
        assertThat(child.get("totalTimeNanos").asLong()).isGreaterThanOrEqualTo(2 * 150_000L * parents);
        assertThat(run.stderr()).contains("call tree of probed methods").containsPattern("\\n\\s+parent\\s+" + parents
                + "\\s").containsPattern("\\n\\s+  child\\s+" + 2 * parents + "\\s");
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void recursionIsNotCountedTwice(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "recursion").config(CONFIG).main(NestingApp.class, "platform", "1", "40").run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode factorial = run.probe("factorial");
        Map<String, JsonNode> edges = edges(run);
        assertThat(factorial.get("count").asLong()).isEqualTo(5 * 40);
        assertThat(edges.get("->factorial").get("calls").asLong()).isEqualTo(40);
        assertThat(edges.get("factorial->factorial").get("calls").asLong()).isEqualTo(4 * 40);
        assertThat(edges.get("factorial->factorial").get("timeNanos").asLong()).isZero();
        // Total time is the outermost calls' time; the self times of all levels add up to it.
        long total = factorial.get("totalTimeNanos").asLong();
        assertThat(total).isEqualTo(edges.get("->factorial").get("timeNanos").asLong());
        assertThat(factorial.get("selfTimeNanos").asLong()).isEqualTo(total);
        // Counting every level's duration would make the total the sum of all 200 calls' durations; counted
        // once, it is the 40 outermost ones, about a third of that (each level spins 10 us, five levels).
        long sumOfAllDurations = factorial.get("latencyNanos").get("mean").asLong() * 5 * 40;
        assertThat(total).isGreaterThanOrEqualTo(5 * 10_000L * 40).isLessThan(sumOfAllDurations * 8 / 10);
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void annotatedMethodsAreProbes(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "annotations").config(CONFIG).main(NestingApp.class, "platform", "2", "30").run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.probe("checkout").get("count").asLong()).isEqualTo(60);
        assertThat(run.probe("checkout").get("method").toString()).contains("Nesting#annotatedNamed()");
        assertThat(run.probe("Nesting.annotatedUnnamed").get("count").asLong()).isEqualTo(60);
        assertThat(run.probe("timed").get("count").asLong()).isEqualTo(60);
        assertThat(run.probe("timed").get("method").toString()).contains("Nesting#customAnnotated()")
                .doesNotContain("annotatedNamed");
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#withVirtualThreads")
    void tenThousandVirtualThreadsCountExactlyAndNestOnTheirOwnStacks(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "virtual").config(CONFIG).main(NestingApp.class, "virtual", "10000", "3").run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        long parents = run.printed("it: ", "parent-calls");
        assertThat(parents).isEqualTo(30_000);
        Map<String, JsonNode> edges = edges(run);
        assertThat(run.probe("parent").get("count").asLong()).isEqualTo(parents);
        assertThat(run.probe("child").get("count").asLong()).isEqualTo(2 * parents);
        assertThat(run.probe("timed").get("count").asLong()).isEqualTo(parents);
        // child parks and resumes, maybe on another carrier: still always under its own thread's parent.
        assertThat(edges.get("parent->child").get("calls").asLong()).isEqualTo(2 * parents);
        assertThat(edges).doesNotContainKey("->child");
        assertThat(edges.get("->parent").get("calls").asLong()).isEqualTo(parents);
        assertThat(run.report().get("dropped").asLong()).isZero();
    }
}
