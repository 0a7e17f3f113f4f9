package io.perfweave.agent.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfweave.agent.report.LatencySummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baseline file: what the writer puts in it, that the reader gets it back, and how bad files are refused. */
class BaselineFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Baseline baseline(String label, BaselineProbe... probes) {
        return Baseline.ofOneRun("0.1.0-test", label, "OpenJDK 64-Bit Server VM", "Acme", "17.0.15+6", "/app/perfweave.properties",
                Instant.parse("2026-11-23T14:00:00Z"), Instant.parse("2026-11-23T14:00:10Z"), 2, List.of(probes),
                Optional.empty());
    }

    static BaselineProbe probe(String name, Histogram histogram) {
        return BaselineProbe.ofOneRun(name, "com.acme.Pricing#" + name, List.of("com.acme.Pricing#" + name + "()"),
                histogram.getTotalCount() + 3, 7, 3, histogram);
    }

    @Test
    void aWrittenBaselineReadsBackWithItsHistogramsAndMetadata() throws Exception {
        Histogram price = RegressionRuleTest.latencies(1, 20_000, 25_000);
        Histogram save = RegressionRuleTest.latencies(2, 5_000, 700);
        Path file = dir.resolve("sub/baseline.json");

        BaselineWriter.write(baseline("main@abc123", probe("price", price), probe("save", save)), file);
        Baseline read = BaselineReader.read(file);

        assertThat(read.label()).isEqualTo("main@abc123");
        assertThat(read.agentVersion()).isEqualTo("0.1.0-test");
        assertThat(read.jvmVersion()).isEqualTo("17.0.15+6");
        assertThat(read.endTime()).isEqualTo(Instant.parse("2026-11-23T14:00:10Z"));
        assertThat(read.source()).contains(file);
        assertThat(read.describe()).isEqualTo(file + " (main@abc123)");
        assertThat(read.probes()).extracting(BaselineProbe::name).containsExactly("price", "save");
        BaselineProbe readPrice = read.probe("price").orElseThrow();
        assertThat(readPrice.latencyHistogram()).isEqualTo(price);
        assertThat(readPrice.latency()).isEqualTo(LatencySummary.of(price));
        assertThat(readPrice.count()).isEqualTo(20_003);
        assertThat(readPrice.errors()).isEqualTo(7);
        assertThat(readPrice.dropped()).isEqualTo(3);
        assertThat(readPrice.methods()).containsExactly("com.acme.Pricing#price()");
    }

    @Test
    void theFileIsReadableByPeople() throws Exception {
        Histogram price = RegressionRuleTest.latencies(1, 20_000, 25_000);
        Path file = dir.resolve("baseline.json");

        BaselineWriter.write(baseline("", probe("price", price)), file);
        JsonNode json = JSON.readTree(file.toFile());

        assertThat(json.get("kind").asText()).isEqualTo("perfweave-baseline");
        assertThat(json.get("formatVersion").asInt()).isEqualTo(1);
        assertThat(json.get("jvm").get("vendor").asText()).isEqualTo("Acme");
        assertThat(json.get("histogramSignificantDigits").asInt()).isEqualTo(2);
        JsonNode probe = json.get("probes").get(0);
        assertThat(probe.get("latencyNanos").get("p50").asLong()).isEqualTo(price.getValueAtPercentile(50));
        assertThat(probe.get("latencyNanos").get("p99").asLong()).isEqualTo(price.getValueAtPercentile(99));
        assertThat(probe.get("latencyHistogram").asText()).matches("[A-Za-z0-9+/=]+");
        assertThat(Files.readString(file)).contains("\n  \"probes\" : [ {");
    }

    @Test
    void selfTimeAndAllocationHistogramsAreSavedBesideTheLatencyAndReadBack() throws Exception {
        Histogram latency = RegressionRuleTest.latencies(1, 5_000, 25_000);
        Histogram selfTime = RegressionRuleTest.latencies(2, 5_000, 4_000);
        Histogram allocation = RegressionRuleTest.latencies(3, 5_000, 1_016, 0.01, v -> v);
        Path file = dir.resolve("baseline.json");
        BaselineProbe probe = BaselineProbe.ofOneRun("handle", "com.acme.Shop#handle", List.of(), 5_000, 0, 0,
                new ProbeHistograms(latency, selfTime, allocation));

        BaselineWriter.write(baseline("", probe, probe("save", latency)), file);
        JsonNode json = JSON.readTree(file.toFile());
        BaselineProbe read = BaselineReader.read(file).probe("handle").orElseThrow();

        assertThat(json.get("formatVersion").asInt()).as("added fields, same meaning").isEqualTo(1);
        assertThat(json.has("runs")).isFalse();
        JsonNode handle = json.get("probes").get(0);
        assertThat(handle.get("selfTimeNanos").get("p50").asLong()).isEqualTo(selfTime.getValueAtPercentile(50));
        assertThat(handle.get("allocationBytes").get("p99").asLong()).isEqualTo(allocation.getValueAtPercentile(99));
        assertThat(json.get("probes").get(1).has("selfTimeHistogram")).isFalse();
        assertThat(json.get("probes").get(1).has("allocationHistogram")).isFalse();
        assertThat(read.all().selfTime()).isEqualTo(selfTime);
        assertThat(read.all().allocation()).isEqualTo(allocation);
        assertThat(read.runs()).singleElement().satisfies(run -> assertThat(run.histograms()).isEqualTo(read.all()));
    }

    @Test
    void aMergedBaselineKeepsEveryRunAndReadsBack() throws Exception {
        Histogram fast = RegressionRuleTest.latencies(1, 5_000, 16_000);
        Histogram slow = RegressionRuleTest.latencies(2, 5_000, 25_000);
        Histogram bytes = RegressionRuleTest.latencies(3, 5_000, 1_016, 0.01, v -> v);
        Baseline first = baseline("run-1", BaselineProbe.ofOneRun("price", "p", List.of(), 5_000, 0, 0,
                new ProbeHistograms(fast, null, bytes)));
        Baseline second = baseline("run-2", BaselineProbe.ofOneRun("price", "p", List.of(), 5_000, 1, 0,
                new ProbeHistograms(slow, null, bytes)), probe("save", fast));
        Path file = dir.resolve("merged.json");

        BaselineWriter.write(BaselineMerge.merge(List.of(first, second), "0.2.0-test", "main"), file);
        Baseline read = BaselineReader.read(file);

        assertThat(JSON.readTree(file.toFile()).get("formatVersion").asInt()).isEqualTo(2);
        assertThat(read.agentVersion()).isEqualTo("0.2.0-test");
        assertThat(read.runs()).extracting(BaselineRun::label).containsExactly("run-1", "run-2");
        assertThat(read.describe()).isEqualTo(file + " (main, 2 runs)");
        BaselineProbe price = read.probe("price").orElseThrow();
        assertThat(price.errors()).isEqualTo(1);
        assertThat(price.runs()).extracting(run -> run.histograms().latency()).containsExactly(fast, slow);
        assertThat(price.latencyHistogram().getTotalCount()).isEqualTo(10_000);
        assertThat(price.all().allocation().getTotalCount()).isEqualTo(10_000);
        assertThat(read.probe("save").orElseThrow().runs()).as("only the second run has it")
                .extracting(BaselineProbe.RunHistograms::run).containsExactly(1);
        assertThatThrownBy(() -> BaselineMerge.merge(List.of(first), "0.2.0-test", ""))
                .hasMessageContaining("nothing to merge: the files hold 1 run");
    }

    @Test
    void problemsNameTheFileAndTheField() throws Exception {
        Path file = dir.resolve("baseline.json");
        BaselineWriter.write(baseline("", probe("price", RegressionRuleTest.latencies(1, 100, 25_000))), file);
        ObjectNode good = (ObjectNode) JSON.readTree(file.toFile());

        assertProblem(edit(good, j -> ((ObjectNode) j.get("probes").get(0)).put("latencyHistogram", "%%%")),
                ": probes[0].latencyHistogram: not base64");
        assertProblem(edit(good, j -> ((ObjectNode) j.get("probes").get(0)).put("latencyHistogram", "AAAA")),
                ": probes[0].latencyHistogram: not an HdrHistogram compressed histogram");
        assertProblem(edit(good, j -> ((ObjectNode) j.get("probes").get(0)).remove("count")), ": probes[0].count: missing");
        assertProblem(edit(good, j -> ((ObjectNode) j.get("probes").get(0)).put("errors", "many")),
                ": probes[0].errors: expected a whole number");
        assertProblem(edit(good, j -> j.put("formatVersion", 3)),
                ": formatVersion: format version 3 is not supported: this agent reads baselines of version 1 and 2;");
        assertProblem(edit(good, j -> j.put("formatVersion", 2)), ": runs: missing");
        assertProblem(edit(good, j -> ((ObjectNode) j.get("probes").get(0)).put("selfTimeHistogram", "%%%")),
                ": probes[0].selfTimeHistogram: not base64");
        assertProblem(edit(good, j -> j.put("endTime", "yesterday")), ": endTime: 'yesterday' is not an ISO-8601 instant");
        assertProblem(edit(good, j -> ((com.fasterxml.jackson.databind.node.ArrayNode) j.get("probes"))
                .add(j.get("probes").get(0).deepCopy())), ": probes[1].name: probe 'price' appears twice");
    }

    @Test
    void aJsonReportIsNotMistakenForABaseline() throws IOException {
        Path report = dir.resolve("report.json");
        Files.writeString(report, "{ \"formatVersion\" : 1, \"agentVersion\" : \"x\", \"probes\" : [ ] }");

        assertThatThrownBy(() -> BaselineReader.read(report)).isInstanceOf(BaselineFormatException.class)
                .hasMessage(report + ": kind: not a Perfweave baseline: it looks like a JSON report (report.json);"
                        + " save a baseline with baseline.save=<file>");
    }

    @Test
    void malformedJsonGivesLineAndColumn() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n  \"kind\" : \"perfweave-baseline\",\n  \"formatVersion\" 1\n}");

        assertThatThrownBy(() -> BaselineReader.read(file)).hasMessageStartingWith(file + ":3:")
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void aMissingOrEmptyFileIsNamed() throws IOException {
        Path missing = dir.resolve("nope.json");
        Path empty = Files.writeString(dir.resolve("empty.json"), "");

        assertThatThrownBy(() -> BaselineReader.read(missing)).hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> BaselineReader.read(empty)).hasMessage(empty + ": the file is empty, not a baseline");
    }

    private Path edit(ObjectNode good, java.util.function.Consumer<ObjectNode> change) throws IOException {
        ObjectNode copy = good.deepCopy();
        change.accept(copy);
        Path file = Files.createTempFile(dir, "edited", ".json");
        JSON.writeValue(file.toFile(), copy);
        return file;
    }

    private static void assertProblem(Path file, String expected) {
        assertThatThrownBy(() -> BaselineReader.read(file)).isInstanceOf(BaselineFormatException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining(expected);
    }
}
