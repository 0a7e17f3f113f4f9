package io.perfweave.agent.baseline;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.perfweave.agent.report.LatencySummary;
import io.perfweave.agent.sink.FileReplacement;
import io.perfweave.agent.sink.json.ProbeJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Base64;
import org.HdrHistogram.AbstractHistogram;

/**
 * Writes a {@link Baseline} as JSON (format: {@code docs/baselines.md}): metadata, then per probe
 * its counts, summary percentiles for people, and the full latency histogram in HdrHistogram's
 * compressed encoding, base64, as {@code HistogramLogWriter} writes it.
 */
public final class BaselineWriter {

    /** The value of {@code kind}, which tells a baseline from the agent's other JSON files. */
    public static final String KIND = "perfweave-baseline";
    /**
     * The version of a baseline saved by one run. Bumped when a field changes meaning or disappears;
     * adding fields does not bump it.
     */
    public static final int FORMAT_VERSION = 1;
    /**
     * The version of a baseline merged from several runs: its probes are judged against every run's
     * histograms ({@code runs}), not against the merged one, so an agent that only knows version 1,
     * which would ignore {@code runs}, must refuse it rather than judge it differently.
     */
    public static final int MERGED_FORMAT_VERSION = 2;

    private static final JsonFactory JSON = new JsonFactory();

    private BaselineWriter() {
    }

    /** Writes beside {@code destination} and moves the file into place, so no reader sees half a baseline. */
    public static void write(Baseline baseline, Path destination) throws IOException {
        FileReplacement.write(destination, out -> write(baseline, out));
    }

    public static void write(Baseline baseline, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeStringField("kind", KIND);
            boolean merged = baseline.runs().size() > 1;
            json.writeNumberField("formatVersion", merged ? MERGED_FORMAT_VERSION : FORMAT_VERSION);
            json.writeStringField("agentVersion", baseline.agentVersion());
            json.writeStringField("label", baseline.label());
            json.writeObjectFieldStart("jvm");
            json.writeStringField("name", baseline.jvmName());
            json.writeStringField("vendor", baseline.jvmVendor());
            json.writeStringField("version", baseline.jvmVersion());
            json.writeEndObject();
            json.writeStringField("config", baseline.configSource());
            json.writeStringField("startTime", baseline.startTime().toString());
            json.writeStringField("endTime", baseline.endTime().toString());
            json.writeNumberField("histogramSignificantDigits", baseline.significantDigits());
            if (merged) {
                json.writeArrayFieldStart("runs");
                for (BaselineRun run : baseline.runs()) {
                    json.writeStartObject();
                    json.writeStringField("label", run.label());
                    json.writeStringField("agentVersion", run.agentVersion());
                    json.writeStringField("jvmVersion", run.jvmVersion());
                    json.writeStringField("startTime", run.startTime().toString());
                    json.writeStringField("endTime", run.endTime().toString());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeArrayFieldStart("probes");
            for (BaselineProbe probe : baseline.probes()) {
                writeProbe(json, probe, merged);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeProbe(JsonGenerator json, BaselineProbe probe, boolean merged) throws IOException {
        ProbeJson.startProbe(json, probe.name(), probe.pattern(), probe.methods(), probe.count(), probe.errors(),
                probe.dropped());
        writeHistograms(json, probe.all());
        if (merged) {
            json.writeArrayFieldStart("runs");
            for (BaselineProbe.RunHistograms run : probe.runs()) {
                json.writeStartObject();
                json.writeNumberField("run", run.run());
                writeHistograms(json, run.histograms());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    /** Each histogram with its summary for people beside it; the optional ones only when present. */
    private static void writeHistograms(JsonGenerator json, ProbeHistograms histograms) throws IOException {
        ProbeJson.latency(json, "latencyNanos", LatencySummary.of(histograms.latency()));
        json.writeStringField("latencyHistogram", encode(histograms.latency()));
        if (histograms.selfTime() != null) {
            ProbeJson.latency(json, "selfTimeNanos", LatencySummary.of(histograms.selfTime()));
            json.writeStringField("selfTimeHistogram", encode(histograms.selfTime()));
        }
        if (histograms.allocation() != null) {
            ProbeJson.latency(json, "allocationBytes", LatencySummary.of(histograms.allocation()));
            json.writeStringField("allocationHistogram", encode(histograms.allocation()));
        }
    }

    /** HdrHistogram's compressed encoding, base64: the histogram format of {@code HistogramLogWriter}. */
    static String encode(AbstractHistogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }
}
