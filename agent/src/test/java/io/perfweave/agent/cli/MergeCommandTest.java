package io.perfweave.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.agent.baseline.Baseline;
import io.perfweave.agent.baseline.BaselineProbe;
import io.perfweave.agent.baseline.BaselineReader;
import io.perfweave.agent.baseline.BaselineWriter;
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
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code merge <out> <baseline>...}: the merged file, comparisons against it, exit codes and bad input. */
class MergeCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** A run whose price has the given median (narrow spread) and whose save always takes about 1 us. */
    private Path save(String file, double priceMedian, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Histogram price = new Histogram(2);
        Histogram save = new Histogram(2);
        for (int i = 0; i < 20_000; i++) {
            price.recordValue(Math.round(priceMedian * (0.95 + 0.1 * random.nextDouble())));
            save.recordValue(Math.round(1_000 * (0.95 + 0.1 * random.nextDouble())));
        }
        Path path = dir.resolve(file);
        Instant start = Instant.parse("2026-11-23T14:00:00Z").plusSeconds(seed * 60);
        BaselineWriter.write(Baseline.ofOneRun("0.1.0-test", file, "VM", "Acme", "17", "test", start,
                start.plusSeconds(10), 2, List.of(BaselineProbe.ofOneRun("price", "p", List.of(), 20_000, 0, 0, price),
                        BaselineProbe.ofOneRun("save", "s", List.of(), 20_000, 0, 0, save)), Optional.empty()), path);
        return path;
    }

    private int run(String... args) {
        out.reset();
        err.reset();
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
    void aMergedBaselineJudgesARunAgainstTheSpreadOfItsRuns() throws Exception {
        Path fast = save("fast.json", 16_000, 1);
        Path slow = save("slow.json", 25_000, 2);
        Path slowAgain = save("slow-again.json", 25_000, 3);
        Path regressed = save("regressed.json", 35_000, 4);
        Path merged = dir.resolve("merged.json");

        assertThat(run("merge", merged.toString(), fast.toString(), slow.toString(), "--label", "main@abc")).isZero();
        assertThat(out()).contains("perfweave merge: " + merged + ": 2 runs, 2 probes");
        JsonNode json = new ObjectMapper().readTree(merged.toFile());
        assertThat(json.get("formatVersion").asInt()).isEqualTo(2);
        assertThat(json.get("label").asText()).isEqualTo("main@abc");
        assertThat(json.get("runs")).extracting(r -> r.get("label").asText()).containsExactly("fast.json", "slow.json");
        JsonNode price = json.get("probes").get(0);
        assertThat(price.get("count").asLong()).isEqualTo(40_000);
        assertThat(price.get("latencyNanos").get("samples").asLong()).isEqualTo(40_000);
        assertThat(price.get("runs")).extracting(r -> r.get("latencyNanos").get("samples").asLong())
                .containsExactly(20_000L, 20_000L);
        assertThat(json.get("startTime").asText()).isEqualTo("2026-11-23T14:01:00Z");
        assertThat(json.get("endTime").asText()).isEqualTo("2026-11-23T14:02:10Z");

        assertThat(run("compare", fast.toString(), slowAgain.toString())).as("against one fast run").isEqualTo(1);
        assertThat(run("compare", merged.toString(), slowAgain.toString())).as(out()).isZero();
        assertThat(out()).contains(merged + " (main@abc, 2 runs)")
                .containsPattern("(?m)^unchanged\\s+price unchanged: p50 1\\d\\.\\dus\\.\\.2\\d\\.\\dus -> 2\\d\\.\\dus")
                .contains(" in 2 baseline runs -> 20000 timed calls");
        assertThat(run("compare", merged.toString(), regressed.toString())).isEqualTo(1);
        assertThat(out()).containsPattern("(?m)^REGRESSED\\s+price regressed: p50 1\\d\\.\\dus\\.\\.2\\d\\.\\dus -> 3\\d\\.\\dus \\(\\+3\\d\\.\\d%");
        assertThat(run("compare", merged.toString(), regressed.toString(), "--format", "markdown")).isEqualTo(1);
        assertThat(out()).containsPattern("\\| `price` \\| \\*\\*regressed\\*\\* \\| \\*\\*1\\d\\.\\dus\\.\\.2\\d\\.\\dus → 3");
    }

    @Test
    void mergingIntoAMergedBaselineAddsRuns() throws Exception {
        Path merged = dir.resolve("merged.json");
        assertThat(run("merge", merged.toString(), save("a.json", 16_000, 1).toString(),
                save("b.json", 17_000, 2).toString())).isZero();

        assertThat(run("merge", merged.toString(), merged.toString(), save("c.json", 18_000, 3).toString())).isZero();

        Baseline read = BaselineReader.read(merged);
        assertThat(read.runs()).extracting(r -> r.label()).containsExactly("a.json", "b.json", "c.json");
        assertThat(read.probe("price").orElseThrow().runs()).extracting(BaselineProbe.RunHistograms::run)
                .containsExactly(0, 1, 2);
        assertThat(read.probe("price").orElseThrow().latencyHistogram().getTotalCount()).isEqualTo(60_000);
    }

    @Test
    void badInputExitsTwoWithAClearMessage() throws IOException {
        Path a = save("a.json", 16_000, 1);
        Path b = save("b.json", 17_000, 2);
        Path out = dir.resolve("merged.json");
        Path report = Files.writeString(dir.resolve("report.json"), "{\"formatVersion\":1,\"probes\":[]}");

        assertThat(run("merge", out.toString(), a.toString())).isEqualTo(2);
        assertThat(err()).contains("perfweave merge: expected the merged file and at least two baselines to merge,"
                + " got 2 file(s)").contains("usage: java -jar perfweave-agent.jar merge <out> <baseline>");
        assertThat(run("merge", out.toString(), a.toString(), dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(err()).contains("perfweave merge: " + dir.resolve("missing.json") + ": no such file");
        assertThat(run("merge", out.toString(), a.toString(), report.toString())).isEqualTo(2);
        assertThat(err()).contains("it looks like a JSON report");
        assertThat(run("merge", out.toString(), a.toString(), b.toString(), "--fast")).isEqualTo(2);
        assertThat(err()).contains("unknown option '--fast'");
        assertThat(run("merge", out.toString(), a.toString(), b.toString(), "--label")).isEqualTo(2);
        assertThat(err()).contains("--label needs a value");
        assertThat(run("merge", dir.resolve("a.json/not-a-dir/m.json").toString(), a.toString(), b.toString()))
                .isEqualTo(2);
        assertThat(err()).contains("perfweave merge: cannot write ");
        assertThat(out).doesNotExist();
    }

    @Test
    void helpListsTheMergeCommand() {
        assertThat(run("help")).isZero();
        assertThat(out()).contains("merge <out> <baseline> <baseline>... [--label text]");
    }
}
