package io.perfweave.agent.sink.hlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.LatencySummary;
import io.perfweave.agent.report.ProbeSnapshot;
import io.perfweave.agent.report.ReportSnapshot;
import io.perfweave.agent.report.ReporterHealth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistogramLogSinkTest {

    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

    @TempDir
    Path dir;

    private static Histogram histogram(long... values) {
        Histogram histogram = new Histogram(2);
        for (long value : values) {
            histogram.recordValue(value);
        }
        return histogram;
    }

    private static ProbeSnapshot probe(int id, String name, Histogram interval, Histogram total) {
        return new ProbeSnapshot(id, name, "com.acme.X#" + name, List.of(), 1,
                new CallStats(interval.getTotalCount(), 0, 0, LatencySummary.of(interval), LatencySummary.EMPTY, null, 0, 0),
                new CallStats(total.getTotalCount(), 0, 0, LatencySummary.of(total), LatencySummary.EMPTY, null, 0, 0), interval, total, List.of());
    }

    private static ReportSnapshot snapshot(int second, boolean last, ProbeSnapshot... probes) {
        return new ReportSnapshot(START, START.plusSeconds(second - 1), START.plusSeconds(second), last,
                List.of(probes), 0, List.of(), ReporterHealth.NONE);
    }

    private static List<EncodableHistogram> readBack(Path file) throws IOException {
        List<EncodableHistogram> read = new ArrayList<>();
        HistogramLogReader reader = new HistogramLogReader(file.toFile());
        for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
            read.add(h);
        }
        return read;
    }

    @Test
    void writesEachProbesIntervalsWithItsTagAndTimesAndFlushesEachInterval() throws IOException {
        Path file = dir.resolve("logs/run.hlog");
        HistogramLogSink sink = new HistogramLogSink(file, "1.2.3");
        Histogram checkout1 = histogram(100, 200);
        Histogram idle = histogram();

        sink.onInterval(snapshot(1, false, probe(0, "checkout", checkout1, checkout1), probe(1, "idle", idle, idle)));
        assertThat(readBack(file)).as("readable after the first interval, before the end").hasSize(1);

        Histogram checkout2 = histogram(300);
        Histogram total = histogram(100, 200, 300);
        sink.onFinal(snapshot(2, true, probe(0, "checkout", checkout2, total), probe(1, "idle", idle, idle)));

        List<EncodableHistogram> read = readBack(file);
        assertThat(read).extracting(EncodableHistogram::getTag).containsExactly("checkout", "checkout");
        assertThat(read).extracting(h -> ((Histogram) h).getTotalCount()).containsExactly(2L, 1L);
        assertThat(read.get(1).getStartTimeStamp()).isEqualTo(START.plusSeconds(1).toEpochMilli());
        assertThat(read.get(1).getEndTimeStamp()).isEqualTo(START.plusSeconds(2).toEpochMilli());
        String text = Files.readString(file);
        assertThat(text).contains("#Perfweave 1.2.3 interval log", "#[StartTime: 1714557600.000", "#[BaseTime: 1714557600.000",
                "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"");
        assertThat(checkout1.getTag()).as("the lent histogram is not modified").isNull();
        assertThat(checkout1.getTotalCount()).isEqualTo(2);
    }

    @Test
    void aProbeKeepsAnEntryForEveryIntervalOnceItHasBeenTimed() throws IOException {
        Path file = dir.resolve("run.hlog");
        HistogramLogSink sink = new HistogramLogSink(file, "1");
        Histogram some = histogram(100);
        sink.onInterval(snapshot(1, false, probe(0, "p", some, some)));
        sink.onInterval(snapshot(2, false, probe(0, "p", histogram(), some)));
        sink.onFinal(snapshot(3, true, probe(0, "p", histogram(), some)));

        assertThat(readBack(file)).extracting(h -> ((Histogram) h).getTotalCount()).containsExactly(1L, 0L, 0L);
    }

    @Test
    void aFileThatCannotBeCreatedFailsAtOnce() throws IOException {
        Path blocker = Files.writeString(dir.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> new HistogramLogSink(blocker.resolve("run.hlog"), "1")).isInstanceOf(IOException.class);
    }
}
