package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.support.Jdks;
import io.perfweave.it.support.RunningJvm;
import io.perfweave.it.workload.OverheadApp;
import io.perfweave.it.workload.HeapApp;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JVM health as the agent reports it from inside a real JVM: collections per collector, memory
 * pressure, the leak hint, and the agent's own cost and its budget, on JDK 17 and 25 with several
 * collectors.
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

    /**
     * A budget the agent breaks once a thread calls a nearly empty probed method flat out (the probes'
     * estimated cost is then most of the process's CPU, far above 25%; at start-up the agent uses well
     * under that) is raised once: in the log, the JSON report, a JFR recording and an application's
     * listener, each under the reserved probe name {@code (agent)}. The application goes hot only once
     * its listener is added, so the listener cannot miss the event.
     */
    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void anOverheadBudgetTheAgentBreaksIsAViolationLikeAProbesEverywhere(Jdk jdk) throws IOException {
        AgentJvm jvm = AgentJvm.on(jdk, "jvm-overhead")
                .config("probe.tick.method = io.perfweave.it.workload.OverheadApp#tick",
                        "reporter.interval = 250ms", "report.console = false", "agent.budget.overhead = 25%")
                .jvmOption("-XX:StartFlightRecording=filename=overhead.jfr,dumponexit=true")
                .main(OverheadApp.class);
        ChildRun run;
        try (RunningJvm child = jvm.start()) {
            await("the listener").atMost(Duration.ofSeconds(60)).failFast(() -> !child.isAlive())
                    .until(() -> child.stdoutSoFar().contains("it: listener-added=true"));
            child.send("hot");
            await("the overhead violation").atMost(Duration.ofSeconds(60)).failFast(() -> !child.isAlive())
                    .until(() -> child.stdoutSoFar().contains("it: listener RAISED (agent) overhead"));
            child.closeInput();
            run = child.awaitExit(Duration.ofSeconds(60));
        }
        assertThat(run.exitCode()).as(run.describe()).isZero();

        // The log: raised once, with the calls that made it.
        assertThat(count(run.stderr(), "agent overhead budget violated")).as(run.describe()).isEqualTo(1);
        assertThat(run.stderrLineContaining("agent overhead budget violated")).hasValueSatisfying(line -> assertThat(line)
                .contains("WARN").containsPattern("probes about \\d+\\.\\d\\d%: [1-9]\\d* calls")
                .contains("above agent.budget.overhead 25.00%"));

        // The JSON report: the violation, in the shape of a probe's.
        JsonNode violations = run.report().get("overhead").get("budgetViolations");
        assertThat(violations).as(run.describe()).hasSize(1);
        JsonNode violation = violations.get(0);
        assertThat(violation.get("metric").asText()).isEqualTo("overhead");
        assertThat(violation.get("unit").asText()).isEqualTo("ratio");
        assertThat(violation.get("limit").asDouble()).isEqualTo(0.25);
        assertThat(violation.get("observed").asDouble()).isGreaterThan(0.25).isLessThanOrEqualTo(1);
        assertThat(violation.get("windowNanos").asLong()).as("one interval").isPositive();
        assertThat(violation.get("samples").asLong()).as("the probed calls of that interval").isPositive();
        assertThat(violation.get("state").asText()).isIn("ongoing", "cleared");
        JsonNode context = violation.get("jvm");
        assertThat(context.get("gcPauses").asInt()).as("what the JVM did in that interval").isNotNegative();
        assertThat(context.get("gcPauseMillis").asLong()).isNotNegative();
        assertThat(context.get("pressure").asText()).isIn("green", "yellow", "orange", "red", "critical");
        assertThat(Instant.parse(violation.get("raised").asText()))
                .isBetween(Instant.parse(run.report().get("startTime").asText()), Instant.parse(run.report().get("endTime").asText()));

        // The application's listener: raised once, with the report's figures.
        assertThat(count(run.stdout(), "it: listener RAISED (agent) overhead")).as(run.describe()).isEqualTo(1);
        assertThat(run.stdout()).contains("it: listener RAISED (agent) overhead observedPpm="
                + Math.round(violation.get("observed").asDouble() * 1e6) + " limitPpm=250000 samples="
                + violation.get("samples").asLong() + " window=" + violation.get("windowNanos").asLong());

        // The JFR recording the child wrote: the same violation, raised once.
        List<RecordedEvent> events = RecordingFile.readAllEvents(run.directory().resolve("overhead.jfr")).stream()
                .filter(e -> e.getEventType().getName().equals("perfweave.BudgetViolation"))
                .filter(e -> e.getString("probe").equals("(agent)"))
                .filter(e -> e.getString("state").equals("raised"))
                .toList();
        assertThat(events).as(run.describe()).hasSize(1);
        RecordedEvent raised = events.get(0);
        assertThat(raised.getString("metric")).isEqualTo("overhead");
        assertThat(raised.getString("unit")).isEqualTo("ratio");
        assertThat(raised.getDouble("limit")).isEqualTo(0.25);
        assertThat(raised.getDouble("observed")).isCloseTo(violation.get("observed").asDouble(), within(0.000001));
        assertThat(raised.getLong("samples")).isEqualTo(violation.get("samples").asLong());
        assertThat(raised.getDuration("window").toNanos()).isEqualTo(violation.get("windowNanos").asLong());
        assertThat(raised.getInt("gcPauses")).isEqualTo(context.get("gcPauses").asInt());
        assertThat(raised.getDuration("gcPauseTime").toMillis()).isEqualTo(context.get("gcPauseMillis").asLong());
        assertThat(raised.getString("pressure")).isEqualTo(context.get("pressure").asText());
    }

    private static long count(String text, String part) {
        return text.lines().filter(line -> line.contains(part)).count();
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
