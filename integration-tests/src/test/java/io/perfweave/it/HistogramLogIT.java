package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.support.Jdks;
import io.perfweave.it.workload.CountingApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogProcessor;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code report.hlog}: an interval log that HdrHistogram's own reader and tools take as theirs. */
class HistogramLogIT {

    private static final String W = "io.perfweave.it.workload.";

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void theIntervalLogAddsUpToTheJsonReport(Jdk jdk) throws IOException {
        AgentJvm jvm = AgentJvm.on(jdk, "hlog");
        Path hlog = jvm.directory().resolve("logs/latency.hlog");
        ChildRun run = jvm
                .config("probe.flaky.method = " + W + "Flaky#maybeFail",
                        "probe.hash.method = " + W + "Calculator#hash",
                        "probe.ghost.method = com.nowhere.Ghost#run",
                        "reporter.interval = 20ms",
                        "report.console = false",
                        "report.hlog = " + hlog)
                .main(CountingApp.class, "2", "5000")
                .run();
        assertThat(run.exitCode()).as(run.describe()).isZero();

        Map<String, Histogram> sums = new HashMap<>();
        Map<String, Integer> intervals = new HashMap<>();
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        double previousEnd = 0;
        for (EncodableHistogram interval = reader.nextIntervalHistogram(); interval != null;
             interval = reader.nextIntervalHistogram()) {
            String tag = interval.getTag();
            sums.computeIfAbsent(tag, t -> new Histogram(2)).add((Histogram) interval);
            intervals.merge(tag, 1, Integer::sum);
            assertThat(interval.getEndTimeStamp() / 1000.0).isGreaterThanOrEqualTo(previousEnd - 0.001);
            previousEnd = Math.max(previousEnd, interval.getEndTimeStamp() / 1000.0);
        }
        assertThat(reader.getStartTimeSec()).as("#[StartTime]").isPositive();

        assertThat(sums).as("one tag per probe that timed a call").containsOnlyKeys("flaky", "hash");
        assertThat(intervals.get("flaky")).as("interval entries").isGreaterThan(1);
        for (String probe : sums.keySet()) {
            Histogram sum = sums.get(probe);
            JsonNode latency = run.probe(probe).get("latencyNanos");
            assertThat(sum.getTotalCount()).as(probe).isEqualTo(latency.get("samples").asLong())
                    .isEqualTo(run.probe(probe).get("count").asLong());
            assertThat(sum.getValueAtPercentile(50)).as(probe).isEqualTo(latency.get("p50").asLong());
            assertThat(sum.getValueAtPercentile(99)).as(probe).isEqualTo(latency.get("p99").asLong());
            assertThat(sum.getValueAtPercentile(99.9)).as(probe).isEqualTo(latency.get("p999").asLong());
            assertThat(sum.highestEquivalentValue(sum.getMaxValue())).as(probe).isEqualTo(latency.get("max").asLong());
        }
        assertThat(sums.get("flaky").getTotalCount()).isEqualTo(run.printed("it: ", "flaky"));
    }

    /** The file's format does not depend on the JDK: the first one is enough. */
    @Test
    void histogramLogProcessorSummarisesOneProbeAsDocumented() throws IOException {
        AgentJvm jvm = AgentJvm.on(Jdks.all().get(0), "hlog-processor");
        Path hlog = jvm.directory().resolve("latency.hlog");
        ChildRun run = jvm
                .config("probe.flaky.method = " + W + "Flaky#maybeFail",
                        "probe.hash.method = " + W + "Calculator#hash",
                        "reporter.interval = 50ms",
                        "report.console = false",
                        "report.hlog = latency.hlog")
                .main(CountingApp.class, "1", "5000")
                .run();
        assertThat(run.exitCode()).as(run.describe()).isZero();

        // As in docs/exporters.md: java -cp HdrHistogram.jar org.HdrHistogram.HistogramLogProcessor -i latency.hlog -tag flaky -o flaky
        Path output = jvm.directory().resolve("flaky");
        new HistogramLogProcessor(new String[] {"-i", hlog.toString(), "-tag", "flaky", "-o", output.toString()}).run();

        String distribution = Files.readString(Path.of(output + ".hgrm"));
        assertThat(distribution).containsPattern("Total count\\s*=\\s*" + run.probe("flaky").get("count").asLong() + "]");
        assertThat(Files.readAllLines(output)).as("one line per interval after the header").hasSizeGreaterThan(2);
    }
}
