package io.perfweave.agent.baseline;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
    /** Bumped when a field changes meaning or disappears; adding fields does not bump it. */
    public static final int FORMAT_VERSION = 1;

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
            json.writeNumberField("formatVersion", FORMAT_VERSION);
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
            json.writeArrayFieldStart("probes");
            for (BaselineProbe probe : baseline.probes()) {
                writeProbe(json, probe);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeProbe(JsonGenerator json, BaselineProbe probe) throws IOException {
        ProbeJson.startProbe(json, probe.name(), probe.pattern(), probe.methods(), probe.count(), probe.errors(),
                probe.dropped());
        ProbeJson.latency(json, "latencyNanos", probe.latency());
        json.writeStringField("latencyHistogram", encode(probe.latencyHistogram()));
        json.writeEndObject();
    }

    /** HdrHistogram's compressed encoding, base64: the histogram format of {@code HistogramLogWriter}. */
    static String encode(AbstractHistogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }
}
