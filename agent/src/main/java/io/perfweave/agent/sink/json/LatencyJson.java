package io.perfweave.agent.sink.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.perfweave.agent.report.LatencySummary;
import java.io.IOException;

/** Writes a {@link LatencySummary} as the JSON object every Perfweave file uses for latency. */
public final class LatencyJson {

    private LatencyJson() {
    }

    public static void write(JsonGenerator json, String field, LatencySummary latency) throws IOException {
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
