package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.workload.CallerCalleeApp;
import io.perfweave.it.workload.TwoStagesApp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

/** Saving a baseline, comparing a later run with it live, and the {@code compare} command of the real jar. */
class BaselineIT {

    private static final String STAGES = TwoStagesApp.Stages.class.getName();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ChildRun runStages(Jdk jdk, String test, long tunableNanos, String... extraConfig) {
        List<String> config = new ArrayList<>(List.of(
                "probe.steady.method = " + STAGES + "#steady",
                "probe.tunable.method = " + STAGES + "#tunable",
                "report.console = false"));
        config.addAll(List.of(extraConfig));
        ChildRun run = AgentJvm.on(jdk, test)
                .config(config.toArray(String[]::new))
                .main(TwoStagesApp.class, "4000", Long.toString(tunableNanos))
                .run();
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).contains("it: done");
        return run;
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void aSavedBaselineHoldsEveryProbeWithItsFullHistogram(Jdk jdk) throws Exception {
        ChildRun run = runStages(jdk, "baseline-save", 20_000,
                "baseline.save = saved/baseline.json", "baseline.label = main@abc123",
                "baseline.compare = missing.json");

        assertThat(run.stderr()).as("an unreadable baseline is reported, and the app runs on")
                .contains("baseline.compare: " + run.directory().resolve("missing.json") + ": no such file;"
                        + " the run is not compared with a baseline")
                .contains("baseline written to " + run.directory().resolve("saved/baseline.json"));
        assertThat(run.probe("tunable").has("regression")).isFalse();
        JsonNode baseline = JSON.readTree(run.directory().resolve("saved/baseline.json").toFile());
        assertThat(baseline.get("kind").asText()).isEqualTo("perfweave-baseline");
        assertThat(baseline.get("formatVersion").asInt()).isEqualTo(1);
        assertThat(baseline.get("label").asText()).isEqualTo("main@abc123");
        assertThat(baseline.get("jvm").get("version").asText()).startsWith(Integer.toString(jdk.feature()));
        assertThat(baseline.get("probes")).extracting(p -> p.get("name").asText()).containsExactly("steady", "tunable");
        for (JsonNode probe : baseline.get("probes")) {
            assertThat(probe.get("count").asLong()).isEqualTo(run.printed("it: ", "stage-calls"));
            Histogram histogram = Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(probe.get("latencyHistogram").asText())), 0);
            assertThat(histogram.getTotalCount()).isEqualTo(probe.get("latencyNanos").get("samples").asLong())
                    .isEqualTo(run.probe(probe.get("name").asText()).get("latencyNanos").get("samples").asLong());
            assertThat(histogram.getValueAtPercentile(50)).isEqualTo(probe.get("latencyNanos").get("p50").asLong())
                    .isGreaterThanOrEqualTo(19_800);
        }
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void aMethodThatGotSlowerIsFlaggedLiveInTheReportAndByTheCommandLine(Jdk jdk) throws Exception {
        ChildRun base = runStages(jdk, "baseline-base", 20_000, "baseline.save = base.json");
        Path baseFile = base.directory().resolve("base.json");
        ChildRun slower = runStages(jdk, "baseline-slower", 40_000,
                "baseline.compare = " + baseFile, "baseline.save = current.json", "reporter.interval = 50ms",
                // steady is judged only with more calls than the run makes: its status shows the override works
                "probe.steady.baseline.minSamples = 1000000");
        Path currentFile = slower.directory().resolve("current.json");

        JsonNode tunable = slower.probe("tunable").get("regression");
        assertThat(tunable.get("status").asText()).as(slower.describe()).isEqualTo("regressed");
        JsonNode p50 = tunable.get("metrics").get(0);
        assertThat(p50.get("metric").asText()).isEqualTo("p50");
        assertThat(p50.get("status").asText()).isEqualTo("regressed");
        assertThat(p50.get("change").asDouble()).isBetween(0.8, 1.2);
        assertThat(p50.get("currentNanos").asLong()).isGreaterThan(p50.get("baselineNanos").asLong());
        JsonNode steady = slower.probe("steady").get("regression");
        assertThat(steady.get("status").asText()).isEqualTo("insufficient-data");
        assertThat(steady.get("minSamples").asLong()).isEqualTo(1_000_000);
        assertThat(slower.report().get("baseline").get("file").asText()).isEqualTo(baseFile.toString());
        assertThat(slower.stderr().lines().filter(l -> l.contains("probe tunable ")))
                .as("logged when the status changes, not every interval").singleElement().asString()
                .contains("WARN").contains("probe tunable now regressed: p50 ")
                .as("what the JVM was doing in that interval").containsPattern("; JVM meanwhile: (no GC pause|\\d+ GC"
                        + " pauses?, \\d+ ms \\(\\d+\\.\\d% of the window\\), longest \\d+ ms \\(.+\\)).*; memory pressure green");
        assertThat(slower.stderr()).contains("comparison with baseline " + baseFile
                + ": 1 regressed (tunable), 0 improved, 0 unchanged, 1 insufficient-data (steady); JVM meanwhile: ");

        Cli regressed = cli(jdk, "compare", baseFile.toString(), currentFile.toString());
        assertThat(regressed.exitCode()).as(regressed.output()).isEqualTo(1);
        assertThat(regressed.output()).containsPattern("(?m)^REGRESSED\\s+tunable regressed: p50 \\d\\d\\.\\dus -> \\d\\d\\.\\dus \\(\\+\\d+\\.\\d%");
        Cli same = cli(jdk, "compare", baseFile.toString(), baseFile.toString(), "--format", "junit");
        assertThat(same.exitCode()).as(same.output()).isZero();
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(same.output().getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        Cli bad = cli(jdk, "compare", baseFile.toString(), slower.reportPath().toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.output()).contains("kind: not a Perfweave baseline: it looks like a JSON report");
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void onlyTheMethodThatGotSlowerIsFlaggedNotItsCallerAndMoreAllocationIsFlaggedToo(Jdk jdk) throws Exception {
        ChildRun base = runCallerCallee(jdk, "baseline-callee-base", 20_000, 1_000, "baseline.save = base.json");
        Path baseFile = base.directory().resolve("base.json");
        JsonNode saved = JSON.readTree(baseFile.toFile());
        assertThat(saved.get("formatVersion").asInt()).isEqualTo(1);
        JsonNode handle = saved.get("probes").get(0);
        JsonNode work = saved.get("probes").get(1);
        assertThat(handle.has("selfTimeHistogram")).as("the caller has a probed callee").isTrue();
        assertThat(handle.get("selfTimeNanos").get("p50").asLong()).isBetween(19_800L, 39_000L)
                .isLessThan(handle.get("latencyNanos").get("p50").asLong() - 19_000);
        assertThat(handle.has("allocationHistogram")).as("the caller does not measure allocation").isFalse();
        assertThat(work.has("selfTimeHistogram")).as("the callee calls no probed method").isFalse();
        assertThat(work.get("allocationBytes").get("p50").asLong()).as("a byte[1000] per call").isBetween(1_000L, 1_100L);
        assertThat(decode(work.get("allocationHistogram").asText()).getTotalCount())
                .isEqualTo(work.get("allocationBytes").get("samples").asLong()).isPositive();

        ChildRun slower = runCallerCallee(jdk, "baseline-callee-slower", 40_000, 2_000,
                "baseline.compare = " + baseFile, "baseline.save = current.json");
        JsonNode workVerdict = slower.probe("work").get("regression");
        assertThat(workVerdict.get("status").asText()).as(slower.describe()).isEqualTo("regressed");
        assertThat(metric(workVerdict, "p50").get("status").asText()).isEqualTo("regressed");
        assertThat(metric(workVerdict, "allocation.p50").get("status").asText()).isEqualTo("regressed");
        assertThat(metric(workVerdict, "allocation.p50").get("currentBytes").asLong()).isBetween(2_000L, 2_100L);
        JsonNode handleVerdict = slower.probe("handle").get("regression");
        assertThat(handleVerdict.get("status").asText()).as("the caller's own time did not change")
                .isEqualTo("unchanged");
        assertThat(metric(handleVerdict, "p50").get("status").asText()).isEqualTo("regressed");
        assertThat(metric(handleVerdict, "p50").get("decisive").asBoolean()).isFalse();
        assertThat(metric(handleVerdict, "selfTime.p50").get("decisive").asBoolean()).isTrue();
        assertThat(handleVerdict.get("note").asText()).contains("not its self time");

        Path currentFile = slower.directory().resolve("current.json");
        Cli compared = cli(jdk, "compare", baseFile.toString(), currentFile.toString());
        assertThat(compared.exitCode()).as(compared.output()).isEqualTo(1);
        assertThat(compared.output()).containsPattern("(?m)^REGRESSED\\s+work regressed: ")
                .containsPattern("(?m)^unchanged\\s+handle unchanged: ")
                .contains("result: 1 regressed (work)");

        Path merged = slower.directory().resolve("merged.json");
        Cli merge = cli(jdk, "merge", merged.toString(), baseFile.toString(), currentFile.toString(), "--label", "both");
        assertThat(merge.exitCode()).as(merge.output()).isZero();
        assertThat(JSON.readTree(merged.toFile()).get("formatVersion").asInt()).isEqualTo(2);
        Cli withinSpread = cli(jdk, "compare", merged.toString(), currentFile.toString());
        assertThat(withinSpread.exitCode()).as("a run like one of the merged runs is within their spread: "
                + withinSpread.output()).isZero();
        assertThat(withinSpread.output()).contains("(both, 2 runs)").contains(" in 2 baseline runs -> ");
    }

    private static ChildRun runCallerCallee(Jdk jdk, String test, long calleeNanos, int calleeBytes,
                                            String... extraConfig) {
        String app = CallerCalleeApp.class.getName();
        List<String> config = new ArrayList<>(List.of(
                "probe.handle.method = " + app + "$Caller#handle",
                "probe.work.method = " + app + "$Callee#work",
                "probe.work.allocations = true",
                "report.console = false"));
        config.addAll(List.of(extraConfig));
        ChildRun run = AgentJvm.on(jdk, test)
                .config(config.toArray(String[]::new))
                .main(CallerCalleeApp.class, "4000", Long.toString(calleeNanos), Integer.toString(calleeBytes))
                .run();
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).contains("it: done");
        return run;
    }

    private static JsonNode metric(JsonNode regression, String name) {
        for (JsonNode metric : regression.get("metrics")) {
            if (metric.get("metric").asText().equals(name)) {
                return metric;
            }
        }
        throw new AssertionError("no metric " + name + " in " + regression);
    }

    private static Histogram decode(String base64) throws java.util.zip.DataFormatException {
        return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    }

    record Cli(int exitCode, String output) {
    }

    /** {@code java -jar perfweave-agent.jar <args>}; stdout and stderr together, waited for at most a minute. */
    private static Cli cli(Jdk jdk, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(jdk.java().toString(), "-jar", AgentJvm.agentJar().toString()));
        command.addAll(List.of(args));
        java.nio.file.Path output = java.nio.file.Files.createTempFile("perfweave-cli", ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(1))
                    .pollInterval(java.time.Duration.ofMillis(50)).until(() -> !process.isAlive());
        } finally {
            process.destroyForcibly();
        }
        String text = java.nio.file.Files.readString(output);
        java.nio.file.Files.deleteIfExists(output);
        return new Cli(process.exitValue(), text);
    }
}
