package io.perfweave.agent.sink.hlog;

import io.perfweave.agent.report.ProbeSnapshot;
import io.perfweave.agent.report.ReportSink;
import io.perfweave.agent.report.ReportSnapshot;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes every probe's interval histograms to {@code report.hlog} in HdrHistogram's interval log
 * format, one tag per probe, so that HdrHistogram's own tools ({@code HistogramLogProcessor}, the
 * plotter) read it; {@code docs/exporters.md} shows how. Values are nanoseconds.
 *
 * <p>The file is opened (and truncated) when the agent starts, so that a bad path is reported at
 * once; the header (start time, base time, legend) is written with the first interval, and the
 * file is flushed after every interval, so a reader sees whole intervals while the JVM runs. A probe
 * appears from the first interval in which it timed a call; from then on it has an entry for every
 * interval, empty ones included, so that its time line has no gaps.
 */
public final class HistogramLogSink implements ReportSink {

    private final Path destination;
    private final String agentVersion;
    private final PrintStream out;
    private final HistogramLogWriter writer;
    /** Copies of the lent histograms, one per probe, reused every interval. */
    private final Map<Integer, Histogram> copies = new HashMap<>();
    private boolean headerWritten;
    private boolean closed;

    /** @throws IOException when the file cannot be created */
    public HistogramLogSink(Path destination, String agentVersion) throws IOException {
        this.destination = destination;
        this.agentVersion = agentVersion;
        Path parent = destination.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = new PrintStream(new BufferedOutputStream(Files.newOutputStream(destination)), false, StandardCharsets.UTF_8);
        this.writer = new HistogramLogWriter(out);
    }

    @Override
    public void onInterval(ReportSnapshot snapshot) {
        write(snapshot);
    }

    @Override
    public void onFinal(ReportSnapshot snapshot) {
        try {
            write(snapshot);
        } finally {
            closed = true;
            writer.close();
        }
    }

    private void write(ReportSnapshot snapshot) {
        if (closed) {
            return;
        }
        if (!headerWritten) {
            long startMillis = snapshot.runStart().toEpochMilli();
            writer.outputComment("Perfweave " + agentVersion + " interval log: one tag per probe, latency in nanoseconds");
            writer.outputLogFormatVersion();
            writer.outputStartTime(startMillis);
            writer.setBaseTime(startMillis);
            writer.outputBaseTime(startMillis);
            writer.outputLegend();
            headerWritten = true;
        }
        long start = snapshot.intervalStart().toEpochMilli();
        long end = snapshot.intervalEnd().toEpochMilli();
        for (ProbeSnapshot probe : snapshot.probes()) {
            Histogram copy = copies.get(probe.id());
            if (copy == null) {
                if (probe.total().latency().samples() == 0) {
                    continue;
                }
                copy = new Histogram(probe.intervalHistogram().getNumberOfSignificantValueDigits());
                copies.put(probe.id(), copy);
            }
            // The lent histogram is the reporter's own: tag and time stamps go on our copy.
            probe.intervalHistogram().copyInto(copy);
            copy.setTag(probe.name());
            copy.setStartTimeStamp(start);
            copy.setEndTimeStamp(end);
            writer.outputIntervalHistogram(copy);
        }
        out.flush();
        if (out.checkError()) {
            throw new UncheckedIOException(new IOException("cannot write the interval log " + destination));
        }
    }

    @Override
    public String name() {
        return "hlog";
    }
}
