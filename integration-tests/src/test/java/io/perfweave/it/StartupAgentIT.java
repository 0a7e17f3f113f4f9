package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.workload.Calculator;
import io.perfweave.it.workload.CountingApp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The startup agent end to end: configured probes in a child JVM, checked against the child's own counts. */
class StartupAgentIT {

    private static final String W = "io.perfweave.it.workload.";

    private static ChildRun runCountingApp(Jdk jdk, String test, String... config) {
        ChildRun run = AgentJvm.on(jdk, test)
                .config(config)
                .main(CountingApp.class, "4", "25000")
                .run();
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).contains("it: done");
        return run;
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void callCountsEqualWhatTheApplicationCounted(Jdk jdk) {
        ChildRun run = runCountingApp(jdk, "counts",
                "probe.addInt.method = " + W + "Calculator#add(int, int)",
                "probe.addAny.method = " + W + "Calc*#add",
                "probe.hash.method = " + W + "Calculator#hash",
                "probe.widget.method = " + W + "Widget#<init>",
                "probe.flaky.method = " + W + "Flaky#maybeFail");

        assertThat(run.probe("addInt").get("count").asLong()).isEqualTo(run.printed("it: ", "add-int"));
        assertThat(run.probe("addAny").get("count").asLong())
                .as("a second probe on the same method, plus the other overload")
                .isEqualTo(run.printed("it: ", "add-int") + run.printed("it: ", "add-long"));
        assertThat(run.probe("hash").get("count").asLong()).isEqualTo(run.printed("it: ", "hash"));
        assertThat(run.probe("widget").get("count").asLong()).isEqualTo(run.printed("it: ", "widgets"));
        assertThat(run.probe("flaky").get("count").asLong()).isEqualTo(run.printed("it: ", "flaky"));
        for (JsonNode probe : run.report().get("probes")) {
            long count = probe.get("count").asLong();
            long timed = probe.get("latencyNanos").get("samples").asLong();
            assertThat(timed + probe.get("dropped").asLong()).as("samples + dropped of " + probe).isEqualTo(count);
        }
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void errorsAreCountedAndDoNotChangeWhatTheApplicationSees(Jdk jdk) {
        ChildRun run = runCountingApp(jdk, "errors", "probe.flaky.method = " + W + "Flaky#maybeFail(int)");

        JsonNode flaky = run.probe("flaky");
        assertThat(flaky.get("errors").asLong()).isEqualTo(run.printed("it: ", "flaky-failures")).isPositive();
        assertThat(flaky.get("count").asLong()).isEqualTo(run.printed("it: ", "flaky"));
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void busyWaitIsMeasuredWithinHistogramPrecision(Jdk jdk) {
        ChildRun run = runCountingApp(jdk, "busy", "probe.spin.method = " + W + "BusyWorker#spin");

        JsonNode spin = run.probe("spin");
        JsonNode latency = spin.get("latencyNanos");
        long requested = run.printed("it: ", "spin-requested-nanos");
        long outerMax = run.printed("it: ", "spin-outer-max-nanos");
        double outerMean = run.printed("it: ", "spin-outer-total-nanos") / (double) run.printed("it: ", "spin-calls");
        double precision = 0.01; // two significant digits, the default
        assertThat(spin.get("count").asLong()).isEqualTo(run.printed("it: ", "spin-calls"));
        // The probe times the method from inside: never less than the requested spin, never more than
        // the caller measured around the call; both within the histogram's precision.
        assertThat(latency.get("min").asDouble()).isGreaterThanOrEqualTo(requested * (1 - precision));
        assertThat(latency.get("p50").asDouble()).isGreaterThanOrEqualTo(requested * (1 - precision));
        assertThat(latency.get("max").asDouble()).isLessThanOrEqualTo(outerMax * (1 + precision));
        assertThat(latency.get("mean").asDouble()).isLessThanOrEqualTo(outerMean * (1 + precision))
                .isGreaterThanOrEqualTo(requested * (1 - precision));
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void onlyTheNamedMethodsAreWoven(Jdk jdk) {
        ChildRun run = runCountingApp(jdk, "selection", "probe.add.method = " + W + "Calculator#add(int,int)");

        JsonNode add = run.probe("add");
        List<String> methods = new ArrayList<>();
        add.get("method").forEach(m -> methods.add(m.asText()));
        assertThat(methods).containsExactly(Calculator.class.getName() + "#add(int,int)");
        // add(long,long) and multiply run in the same class and loop: woven by mistake, they would
        // show up in this probe's count.
        assertThat(add.get("count").asLong()).isEqualTo(run.printed("it: ", "add-int"));
        assertThat(run.report().get("probes")).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void reportsAnIntervalTableAndAFinalTableOnStderr(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "table")
                .config("probe.add.method = " + W + "Calculator#add", "reporter.interval = 100ms")
                .main(CountingApp.class, "2", "400000")
                .run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).as(run.describe())
                .containsPattern("perfweave\\.report - interval \\d\\d:\\d\\d:\\d\\d-\\d\\d:\\d\\d:\\d\\d")
                .containsPattern("probe\\s+calls\\s+errors\\s+err%\\s+p50\\s+p90\\s+p99\\s+p99\\.9\\s+max\\s+mean")
                .containsPattern("perfweave\\.report - final report")
                .containsPattern("\\n\\s+add\\s+" + run.probe("add").get("count").asLong() + "\\s+0\\s");
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void theIntervalTableCanBeTurnedOff(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "table-off")
                .config("probe.add.method = " + W + "Calculator#add", "reporter.interval = 100ms")
                .systemProperty("perfweave.report.console", "false")
                .main(CountingApp.class, "2", "400000")
                .run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).as(run.describe()).doesNotContain("perfweave.report - interval").contains("final report");
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void droppedRecordsAreCountedSoCountsStayExact(Jdk jdk) {
        // The smallest rings and a reporter that rarely reports: some records cannot be kept.
        ChildRun run = AgentJvm.on(jdk, "drops")
                .config("probe.add.method = " + W + "Calculator#add(int,int)", "ring.capacity = 64",
                        "report.console = false")
                .main(CountingApp.class, "2", "2000000")
                .run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode add = run.probe("add");
        long dropped = add.get("dropped").asLong();
        assertThat(dropped).as(run.describe()).isPositive();
        assertThat(run.report().get("dropped").asLong()).isEqualTo(dropped);
        assertThat(add.get("count").asLong()).isEqualTo(run.printed("it: ", "add-int"));
        assertThat(add.get("latencyNanos").get("samples").asLong() + dropped).isEqualTo(add.get("count").asLong());
        assertThat(run.stderr()).containsPattern("final report, [0-9.]+ s of run, " + dropped + " record\\(s\\) dropped");
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void anAgentNamedTwiceRunsOnce(Jdk jdk) {
        AgentJvm jvm = AgentJvm.on(jdk, "twice");
        ChildRun run = jvm.config("probe.add.method = " + W + "Calculator#add(int,int)")
                .jvmOption("-javaagent:" + AgentJvm.agentJar() + "=config=" + jvm.directory().resolve("perfweave.properties"))
                .main(CountingApp.class, "2", "10000")
                .run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).contains("the agent is already running in this JVM");
        assertThat(run.probe("add").get("count").asLong()).isEqualTo(run.printed("it: ", "add-int"));
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void theAgentCanLogToAFileInsteadOfStderr(Jdk jdk) {
        AgentJvm jvm = AgentJvm.on(jdk, "log-file");
        ChildRun run = jvm.config("probe.add.method = " + W + "Calculator#add(int,int)", "log.file = agent.log")
                .main(CountingApp.class, "1", "1000")
                .run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).doesNotContain("perfweave.");
        assertThat(jvm.directory().resolve("agent.log")).content().contains("perfweave.agent - Perfweave")
                .contains("final report");
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void reportHasTheDocumentedTopLevelFields(Jdk jdk) {
        ChildRun run = runCountingApp(jdk, "fields", "probe.add.method = " + W + "Calculator#add(int,int)");

        JsonNode report = run.report();
        assertThat(report.get("formatVersion").asInt()).isEqualTo(1);
        assertThat(report.get("agentVersion").asText()).isNotBlank();
        assertThat(report.get("jvm").get("version").asText()).startsWith(Integer.toString(jdk.feature()));
        assertThat(report.get("startTime").asText()).isLessThan(report.get("endTime").asText());
        assertThat(report.get("dropped").isIntegralNumber()).isTrue();
        JsonNode latency = run.probe("add").get("latencyNanos");
        for (String field : List.of("p50", "p90", "p99", "p999", "max", "mean")) {
            assertThat(latency.get(field).asDouble()).as(field).isPositive();
        }
        assertThat(latency.get("p50").asLong()).isLessThanOrEqualTo(latency.get("p99").asLong());
        assertThat(latency.get("p99").asLong()).isLessThanOrEqualTo(latency.get("max").asLong());
    }
}
