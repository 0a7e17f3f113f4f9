package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.support.Jdks;
import io.perfweave.it.support.RunningJvm;
import io.perfweave.it.workload.HeapApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JVM health as the agent reports it from inside a real JVM: collections per collector, memory
 * pressure, the leak hint, and the agent's own cost, on JDK 17 and 25 with several collectors.
 */
class JvmHealthIT {

    private static final String CHURN = "probe.churn.method = io.perfweave.it.workload.HeapApp#churn";

    /** Every collector on one JDK or the other (each child takes a few seconds of a shared machine). */
    static Stream<Arguments> collectors() {
        List<Arguments> all = new ArrayList<>();
        for (Jdk jdk : Jdks.all()) {
            for (String gc : jdk.feature() < 21 ? new String[] {"G1", "Serial"} : new String[] {"G1", "Parallel", "Z"}) {
                all.add(Arguments.of(jdk, gc));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}GC")
    @MethodSource("collectors")
    void gcPausesOfAGarbageHeavyWorkloadAreRecordedPerCollectorWithTheAgentsCost(Jdk jdk, String gc) {
        ChildRun run = AgentJvm.on(jdk, "jvm-gc-" + gc)
                .config(CHURN, "reporter.interval = 250ms")
                .jvmOption("-XX:+Use" + gc + "GC")
                .jvmOption("-Xmx64m")
                .main(HeapApp.class, "garbage", "2000")
                .run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode jvm = run.report().get("jvm");
        List<JsonNode> pauses = new ArrayList<>();
        jvm.get("gc").forEach(c -> {
            if (c.get("kind").asText().equals("pause")) {
                pauses.add(c);
            }
        });
        assertThat(pauses).as(run.describe()).isNotEmpty();
        long pauseCount = pauses.stream().mapToLong(c -> c.get("count").asLong()).sum();
        assertThat(pauseCount).as("100 MB of garbage in a 64 MB heap").isPositive();
        for (JsonNode pause : pauses) {
            assertThat(pause.get("durationNanos").get("samples").asLong()).isEqualTo(pause.get("count").asLong());
            assertThat(pause.get("maxMillis").asLong()).isLessThanOrEqualTo(pause.get("totalMillis").asLong());
        }
        if (gc.equals("Z")) {
            assertThat(jvm.get("gc")).as("ZGC's cycles apart from its pauses")
                    .anySatisfy(c -> assertThat(c.get("kind").asText()).isEqualTo("cycle"));
        }
        // what the JVM reports: -Xmx less the survivor space it holds back, which Parallel resizes as it goes
        assertThat(jvm.get("heap").get("maxBytes").asLong()).isLessThanOrEqualTo(64L << 20)
                .isGreaterThanOrEqualTo(jvm.get("heap").get("committedBytes").asLong())
                .isGreaterThanOrEqualTo(48L << 20);
        assertThat(jvm.get("allocation").get("totalBytes").asLong()).as("the churn alone allocates 1 MB per call")
                .isGreaterThanOrEqualTo(run.printed("it: ", "churn-calls") << 20);
        assertThat(jvm.get("threads").get("live").asInt()).isPositive();
        assertThat(jvm.get("processCpu").get("totalNanos").asLong()).isPositive();
        assertThat(jvm.get("oldGenAfterGc").get("occupancy").asDouble()).isBetween(0.0, 1.0);

        JsonNode overhead = run.report().get("overhead");
        assertThat(overhead.get("probeCalls").asLong()).isEqualTo(run.printed("it: ", "churn-calls"));
        assertThat(overhead.get("probeCallNanos").asLong()).isPositive();
        assertThat(overhead.get("probeCostNanos").asLong())
                .isEqualTo(overhead.get("probeCalls").asLong() * overhead.get("probeCallNanos").asLong());
        assertThat(overhead.get("reporterCpuNanos").asLong()).isPositive();
        assertThat(overhead.get("share").asDouble()).isBetween(0.0, 1.0);
        assertThat(overhead.get("retainedBytes").asLong()).isPositive();
        assertThat(run.stderr()).containsPattern("\\n  jvm: heap \\S+ used, .*; GC [1-9]\\d* pauses?, ");
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void oldGenerationOccupancyThatKeepsRisingRaisesTheLeakHint(Jdk jdk) {
        AgentJvm jvm = AgentJvm.on(jdk, "jvm-leak")
                .config(CHURN, "reporter.interval = 250ms", "leak.window = 3s")
                .jvmOption("-Xmx128m")
                .main(HeapApp.class, "grow", "0.75");
        RunningJvm child = jvm.start();
        ChildRun run;
        try (child) {
            await("the leak hint").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> child.stderrSoFar().contains("leak hint:") || child.stdoutSoFar().contains("it: grown")
                            || !child.isAlive());
            child.closeInput();
            run = child.awaitExit(Duration.ofSeconds(60));
        }

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderrLineContaining("leak hint:")).as(run.describe()).hasValueSatisfying(line -> assertThat(line)
                .contains("WARN").containsPattern("grew by \\d+\\.\\d MiB/s over the last \\d+ collections while allocation"
                        + " stayed steady; .+ full in about \\d+ s at that rate"));
        JsonNode leak = run.report().get("jvm").get("leakHint");
        assertThat(leak).as(run.describe()).isNotNull();
        // 256 KB every 20 ms: 12.5 MB/s at most, paced
        assertThat(leak.get("growthBytesPerSecond").asDouble()).isBetween(1.0 * (1 << 20), 20.0 * (1 << 20));
        assertThat(leak.get("secondsToExhaustion").asDouble()).isPositive();
        assertThat(leak.get("maxBytes").asLong()).isEqualTo(run.printed("it: ", "old-max"));
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void aSteadyHeapRaisesNoLeakHint(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "jvm-steady")
                .config(CHURN, "reporter.interval = 250ms", "leak.window = 3s")
                .jvmOption("-Xmx128m")
                .main(HeapApp.class, "steady", "7000")
                .run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).as(run.describe()).doesNotContain("leak hint");
        JsonNode jvm = run.report().get("jvm");
        assertThat(jvm.has("leakHint")).isFalse();
        assertThat(jvm.get("gc").get(0).get("count").asLong()).as("collections to judge by").isGreaterThan(10);
    }

    @ParameterizedTest(name = "{0} {1}GC")
    @MethodSource("pressureCases")
    void retainingMostOfTheHeapRaisesMemoryPressureAndLettingGoClearsIt(Jdk jdk, String gc) {
        AgentJvm jvm = AgentJvm.on(jdk, "jvm-pressure-" + gc)
                .config(CHURN, "reporter.interval = 250ms", "pressure.yellow = 50%", "pressure.orange = 70%",
                        "pressure.red = 90%", "pressure.critical = 98%")
                .jvmOption("-XX:+Use" + gc + "GC")
                .jvmOption("-Xmx128m")
                .main(HeapApp.class, "fill", "0.75");
        RunningJvm child = jvm.start();
        ChildRun run;
        try (child) {
            await("memory pressure").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> child.stderrSoFar().contains("memory pressure raised") || !child.isAlive());
            child.closeInput();
            run = child.awaitExit(Duration.ofSeconds(60));
        }

        assertThat(run.exitCode()).as(run.describe()).isZero();
        // Filling passes through yellow on the way, on some collectors with a collection in between.
        List<String> raised = run.stderr().lines().filter(l -> l.contains("memory pressure raised")).toList();
        assertThat(raised).as(run.describe()).isNotEmpty().allSatisfy(line -> assertThat(line).contains("WARN"));
        assertThat(raised.get(raised.size() - 1)).containsPattern("raised from (green|yellow) to orange: .+ [78]\\d\\.\\d% full after GC");
        assertThat(raised).extracting(line -> line.substring(line.indexOf("raised from"), line.indexOf(':', line.indexOf("raised from"))))
                .as("each change once").doesNotHaveDuplicates();
        assertThat(run.stderrLineContaining("memory pressure lowered")).as(run.describe())
                .hasValueSatisfying(line -> assertThat(line).contains("lowered from orange to green"));
        JsonNode pressure = run.report().get("jvm").get("pressure");
        assertThat(pressure.get("highest").asText()).isEqualTo("orange");
        assertThat(pressure.get("level").asText()).isEqualTo("green");
    }

    static Stream<Arguments> pressureCases() {
        List<Arguments> all = new ArrayList<>();
        for (Jdk jdk : Jdks.all()) {
            all.add(Arguments.of(jdk, "G1"));
            all.add(Arguments.of(jdk, "Serial"));
        }
        return all.stream();
    }
}
