package io.perfweave.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.baseline.Baseline;
import io.perfweave.agent.baseline.BaselineProbe;
import io.perfweave.agent.baseline.BaselineWriter;
import io.perfweave.agent.report.LatencySummary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import javax.xml.parsers.DocumentBuilderFactory;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code compare <baseline> <current>}: exit codes, the three formats, and bad input. */
class CompareCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path main;
    private Path same;
    private Path slowPrice;

    private static Histogram latencies(long seed, int n, double median) {
        SplittableRandom random = new SplittableRandom(seed);
        Histogram h = new Histogram(2);
        for (int i = 0; i < n; i++) {
            h.recordValue(Math.round(median * Math.exp(0.2 * (random.nextDouble() + random.nextDouble() - 1))));
        }
        return h;
    }

    private Path save(String file, String label, double priceMedian, long seed, String... names) throws IOException {
        List<BaselineProbe> probes = new java.util.ArrayList<>();
        for (String name : names) {
            Histogram h = latencies(seed + name.hashCode(), name.equals("rare") ? 50 : 20_000,
                    name.equals("price") ? priceMedian : 1_000);
            probes.add(BaselineProbe.ofOneRun(name, "com.acme.Shop#" + name, List.of(), h.getTotalCount(), 0, 0, h));
        }
        Path path = dir.resolve(file);
        BaselineWriter.write(Baseline.ofOneRun("0.1.0-test", label, "VM", "Acme", "17", "test", Instant.EPOCH,
                Instant.EPOCH.plusSeconds(10), 2, probes, Optional.empty()), path);
        return path;
    }

    @BeforeEach
    void baselines() throws IOException {
        main = save("main.json", "main@abc", 24_000, 1, "price", "save", "rare");
        same = save("same.json", "branch@def", 24_000, 2, "price", "save", "rare");
        slowPrice = save("slow.json", "branch@bad", 34_000, 3, "price", "save", "rare");
    }

    private int run(String... args) {
        return CommandLine.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void nothingRegressedExitsZero() {
        assertThat(run("compare", main.toString(), same.toString())).isZero();

        assertThat(out()).contains("perfweave compare: " + main + " (main@abc) -> " + same + " (branch@def)")
                .containsPattern("(?m)^unchanged\\s+price unchanged: p50 ")
                .containsPattern("(?m)^insufficient-data\\s+rare insufficient-data: the baseline has 50 timed call")
                .contains("result: 0 regressed, 0 improved, 2 unchanged, 1 insufficient-data (rare)");
        assertThat(err()).isEmpty();
    }

    @Test
    void aRegressionExitsOneAndTextNamesItWithNumbers() {
        assertThat(run("compare", main.toString(), slowPrice.toString())).isEqualTo(1);

        assertThat(out()).containsPattern("(?m)^REGRESSED\\s+price regressed: p50 2\\d\\.\\dus -> 3\\d\\.\\dus \\(\\+4\\d\\.\\d%, at least \\+\\d+\\.\\d%\\)")
                .containsPattern("(?m)^unchanged\\s+save unchanged")
                .contains("result: 1 regressed (price), 0 improved, 1 unchanged, 1 insufficient-data (rare)");
    }

    @Test
    void aWiderToleranceAcceptsTheSlowdown() {
        assertThat(run("compare", main.toString(), slowPrice.toString(), "--tolerance", "60%")).isZero();
        assertThat(run("compare", main.toString(), slowPrice.toString(), "--tolerance=60")).isZero();
        assertThat(out()).contains("p50 more than 60% or p99 more than 100% slower, by at least 1.00us");
    }

    @Test
    void markdownIsATableForAPullRequest() {
        assertThat(run("compare", main.toString(), slowPrice.toString(), "--format", "markdown")).isEqualTo(1);

        assertThat(out()).startsWith("### Perfweave: 1 probe regressed\n")
                .contains("| probe | status | p50 | p99 | timed calls |\n|---|---|---|---|---|\n")
                .containsPattern("\\| `price` \\| \\*\\*regressed\\*\\* \\| \\*\\*2\\d\\.\\dus → 3\\d\\.\\dus \\(\\+4\\d\\.\\d%\\)\\*\\* \\|")
                .contains("| `save` | unchanged | ");
    }

    @Test
    void junitXmlFailsTheRegressedProbeAndSkipsTheUnjudgedOne() throws Exception {
        assertThat(run("compare", main.toString(), slowPrice.toString(), "--format", "junit")).isEqualTo(1);

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toByteArray()));
        Element suite = xml.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(3);
        Element price = (Element) cases.item(0);
        assertThat(price.getAttribute("name")).isEqualTo("price");
        Element failure = (Element) price.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).startsWith("price regressed: p50 ");
        assertThat(((Element) cases.item(1)).getElementsByTagName("failure").getLength()).isZero();
        assertThat(((Element) cases.item(2)).getElementsByTagName("skipped").getLength()).isEqualTo(1);
    }

    @Test
    void badInputExitsTwoWithAClearMessage() throws IOException {
        Path report = Files.writeString(dir.resolve("report.json"), "{\"formatVersion\":1,\"probes\":[]}");
        Path other = save("other.json", "", 24_000, 4, "parse");
        Path newer = Files.writeString(dir.resolve("newer.json"),
                Files.readString(main).replace("\"formatVersion\" : 1", "\"formatVersion\" : 9"));

        assertThat(run("compare", main.toString(), dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(err()).contains("perfweave compare: " + dir.resolve("missing.json") + ": no such file");
        assertBad(() -> run("compare", main.toString(), report.toString()), "it looks like a JSON report");
        assertBad(() -> run("compare", newer.toString(), main.toString()), "format version 9 is not supported");
        assertBad(() -> run("compare", main.toString(), other.toString()),
                "no probe in common: the baseline " + main + " has probes price, save, rare, the current run " + other
                        + " has probes parse");
        assertBad(() -> run("compare", main.toString()), "expected two files, a baseline and a current run, got 1");
        assertBad(() -> run("compare", main.toString(), same.toString(), "--format", "html"),
                "--format: 'html' is not a format: use text, markdown or junit");
        assertBad(() -> run("compare", main.toString(), same.toString(), "--tolerance", "lots"),
                "'lots' is not a percentage");
        assertBad(() -> run("compare", main.toString(), same.toString(), "--min-samples", "0"),
                "--min-samples: must be at least 1");
        assertBad(() -> run("compare", main.toString(), same.toString(), "--fast"), "unknown option '--fast'");
    }

    private void assertBad(java.util.function.IntSupplier command, String message) {
        err.reset();
        assertThat(command.getAsInt()).isEqualTo(2);
        assertThat(err()).contains(message);
    }

    @Test
    void helpListsTheCompareCommand() {
        assertThat(run("help")).isZero();
        assertThat(out()).contains("compare <baseline> <current> [--tolerance 20%]");
    }
}
