package io.perfweave.agent.sink.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.perfweave.agent.report.LatencySummary;
import java.io.IOException;
import java.util.List;

/**
 * The fields a probe has in every Perfweave JSON file (the report and the baseline), written one
 * way so that the two files can never disagree on a name or a shape.
 */
public final class ProbeJson {

    private ProbeJson() {
    }

    /** Opens the probe's object and writes its identity and counts; the caller adds the rest and closes it. */
    public static void startProbe(JsonGenerator json, String name, String pattern, List<String> methods, long count,
                                  long errors, long dropped) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeStringField("pattern", pattern);
        json.writeArrayFieldStart("method");
        for (String method : methods) {
            json.writeString(method);
        }
        json.writeEndArray();
        json.writeNumberField("count", count);
        json.writeNumberField("errors", errors);
        json.writeNumberField("dropped", dropped);
    }

    public static void latency(JsonGenerator json, String field, LatencySummary latency) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeNumberField("samples", latency.samples());
        json.writeNumberField("min", latency.min());
        json.writeNumberField("p50", latency.p50());
        json.writeNumberField("p90", latency.p90());
        json.writeNumberField("p99", latency.p99());
        json.writeNumberField("p999", latency.p999());
        json.writeNumberField("max", latency.max());
        json.writeNumberField("mean", Math.round(latency.mean() * 10) / 10.0);
        json.writeEndObject();
    }
}
