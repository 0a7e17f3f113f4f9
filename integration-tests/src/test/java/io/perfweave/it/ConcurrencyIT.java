package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.workload.ManyThreadsApp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many threads at once on probed methods: every call is counted exactly, and every counted call is
 * either timed or counted as dropped, never lost, even with rings kept small so that they overflow.
 */
class ConcurrencyIT {

    private static final String[] CONFIG = {
        "probe.add.method = io.perfweave.it.workload.Calculator#add(int,int)",
        "probe.flaky.method = io.perfweave.it.workload.Flaky#maybeFail",
        // Small rings (the smallest allowed): the platform threads overflow them, and what they drop must still be counted.
        "ring.capacity = 64",
    };

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void fourHundredPlatformThreadsCountEveryCall(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "platform-threads").config(CONFIG)
                .main(ManyThreadsApp.class, "platform", "400", "2000").run();

        assertExact(run, 800_000);
        // Each thread records 4,000 records in bursts of a scheduler's time slice, while the reporter drains at most
        // once a millisecond: rings of 64 overflow (most records are dropped), so the dropping path is what is tested.
        assertThat(run.probe("add").get("dropped").asLong()).as("add dropped\n%s", run.describe()).isPositive();
        assertThat(run.probe("flaky").get("dropped").asLong()).as("flaky dropped").isPositive();
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#withVirtualThreads")
    void aHundredThousandVirtualThreadsCountEveryCall(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "virtual-threads").config(CONFIG)
                .main(ManyThreadsApp.class, "virtual", "100000", "5").run();

        assertExact(run, 500_000);
        // Every virtual thread has a ring of its own and records only 10 records: these rings never overflow; this
        // run tests that 100,000 short-lived rings are all drained and counted.
    }

    private static void assertExact(ChildRun run, long calls) {
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.printed("it: ", "add")).isEqualTo(calls);
        assertExact(run, "add", calls);
        assertExact(run, "flaky", calls);
        assertThat(run.probe("flaky").get("errors").asLong()).isEqualTo(run.printed("it: ", "flaky-failures"));
    }

    /** The count is exact, and every call was either timed or counted as dropped. */
    private static void assertExact(ChildRun run, String probe, long calls) {
        JsonNode node = run.probe(probe);
        assertThat(node.get("count").asLong()).as("%s calls\n%s", probe, run.describe()).isEqualTo(calls);
        assertThat(node.get("latencyNanos").get("samples").asLong() + node.get("dropped").asLong())
                .as("%s timed + dropped", probe).isEqualTo(calls);
    }
}
