package io.perfweave.agent.sink.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.perfweave.agent.jvm.CollectorActivity;
import io.perfweave.agent.jvm.JvmHealth;
import io.perfweave.agent.jvm.LeakHint;
import io.perfweave.agent.jvm.Occupancy;
import io.perfweave.agent.overhead.AgentCost;
import io.perfweave.agent.overhead.OverheadViolation;
import io.perfweave.agent.report.LatencySummary;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The JVM's health over the run (fields of the report's {@code jvm} object) and the agent's own cost
 * (the {@code overhead} object), as documented in {@code docs/report-format.md}.
 */
public final class JvmHealthJson {

    private JvmHealthJson() {
    }

    /** Writes the health fields into the {@code jvm} object the caller has opened. */
    static void health(JsonGenerator json, JvmHealth jvm, Duration run) throws IOException {
        json.writeObjectFieldStart("heap");
        json.writeNumberField("usedBytes", jvm.heapUsedBytes());
        json.writeNumberField("committedBytes", jvm.heapCommittedBytes());
        json.writeNumberField("maxBytes", jvm.heapMaxBytes());
        json.writeEndObject();
        oldGenAfterGc(json, jvm.oldGenAfterGc());
        json.writeObjectFieldStart("pressure");
        json.writeStringField("level", jvm.pressure().label());
        json.writeStringField("highest", jvm.highestPressure().label());
        json.writeEndObject();
        json.writeArrayFieldStart("gc");
        for (CollectorActivity collector : jvm.collectors()) {
            json.writeStartObject();
            json.writeStringField("collector", collector.name());
            json.writeStringField("kind", collector.kind().label());
            json.writeNumberField("count", collector.totalCount());
            json.writeNumberField("totalMillis", collector.totalMillis());
            json.writeNumberField("maxMillis", collector.totalMaxMillis());
            ProbeJson.latency(json, "durationNanos", LatencySummary.of(collector.totalHistogram()));
            json.writeEndObject();
        }
        json.writeEndArray();
        double seconds = run.toNanos() / 1e9;
        json.writeObjectFieldStart("allocation");
        json.writeNumberField("totalBytes", jvm.allocatedBytesTotal());
        json.writeNumberField("bytesPerSecond", jvm.allocatedBytesTotal() < 0 || seconds <= 0 ? -1
                : Math.round(jvm.allocatedBytesTotal() / seconds));
        json.writeEndObject();
        json.writeObjectFieldStart("threads");
        json.writeNumberField("live", jvm.liveThreads());
        json.writeNumberField("peak", jvm.peakThreads());
        json.writeEndObject();
        json.writeObjectFieldStart("processCpu");
        json.writeNumberField("totalNanos", jvm.processCpuNanosTotal());
        json.writeNumberField("processors", jvm.processors());
        json.writeNumberField("load", jvm.processCpuNanosTotal() < 0 || seconds <= 0 || jvm.processors() <= 0 ? -1
                : rounded(Math.min(1, jvm.processCpuNanosTotal() / (seconds * 1e9 * jvm.processors()))));
        json.writeEndObject();
        LeakHint leak = jvm.leakHint();
        if (leak != null) {
            json.writeObjectFieldStart("leakHint");
            json.writeBooleanField("active", jvm.leakHintActive());
            json.writeNumberField("growthBytesPerSecond", Math.round(leak.growthBytesPerSecond()));
            json.writeNumberField("secondsToExhaustion", Double.isFinite(leak.secondsToExhaustion())
                    ? Math.round(leak.secondsToExhaustion() * 10) / 10.0 : -1);
            json.writeNumberField("usedBytes", leak.usedBytes());
            json.writeNumberField("maxBytes", leak.maxBytes());
            json.writeNumberField("samples", leak.samples());
            json.writeStringField("since", Instant.ofEpochMilli(leak.sinceEpochMillis()).toString());
            json.writeEndObject();
        }
    }

    /** The {@code overhead} object: the agent's cost over the whole run. */
    static void overhead(JsonGenerator json, AgentCost cost) throws IOException {
        json.writeObjectFieldStart("overhead");
        json.writeNumberField("probeCallNanos", cost.probeCallNanos());
        json.writeNumberField("probeCalls", cost.probeCallsTotal());
        json.writeNumberField("probeCostNanos", cost.probeCostNanosTotal());
        json.writeNumberField("reporterCpuNanos", cost.reporterCpuNanosTotal());
        json.writeNumberField("processCpuNanos", cost.processCpuNanosTotal());
        json.writeNumberField("share", rounded(cost.shareTotal()));
        json.writeNumberField("retainedBytes", cost.retainedBytes());
        if (Double.isNaN(cost.budget())) {
            json.writeNullField("budget");
        } else {
            json.writeNumberField("budget", cost.budget());
        }
        json.writeBooleanField("overBudget", cost.overBudget());
        overheadViolations(json, cost);
        json.writeEndObject();
    }

    /** The budget's violations, in the shape of a probe's {@code budgetViolations} (metric {@code overhead}). */
    private static void overheadViolations(JsonGenerator json, AgentCost cost) throws IOException {
        json.writeArrayFieldStart("budgetViolations");
        for (OverheadViolation violation : cost.violations()) {
            json.writeStartObject();
            json.writeStringField("metric", OverheadViolation.METRIC);
            json.writeStringField("unit", OverheadViolation.UNIT);
            json.writeNumberField("limit", ratio(violation.limit()));
            json.writeNumberField("observed", ratio(violation.observed()));
            json.writeNumberField("windowNanos", violation.windowNanos());
            json.writeNumberField("samples", violation.samples());
            json.writeStringField("raised", violation.raised().toString());
            if (violation.ongoing()) {
                json.writeNullField("cleared");
                json.writeStringField("state", "ongoing");
            } else {
                json.writeStringField("cleared", violation.cleared().toString());
                json.writeStringField("state", "cleared");
                json.writeNumberField("clearedObserved", ratio(violation.clearedObserved()));
                json.writeNumberField("clearedSamples", violation.clearedSamples());
            }
            ProbeJson.jvmContext(json, violation.jvm());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** A fraction as a probe's error rate limit is written: six decimals. */
    private static double ratio(double fraction) {
        return Math.round(fraction * 1_000_000) / 1_000_000.0;
    }

    /** The old generation after the last collection that said what survived; {@code null} before one. */
    public static void oldGenAfterGc(JsonGenerator json, Occupancy old) throws IOException {
        if (old == null) {
            json.writeNullField("oldGenAfterGc");
            return;
        }
        json.writeObjectFieldStart("oldGenAfterGc");
        json.writeStringField("pool", old.pool());
        json.writeNumberField("usedBytes", old.usedBytes());
        json.writeNumberField("maxBytes", old.maxBytes());
        json.writeNumberField("occupancy", rounded(old.fraction()));
        json.writeStringField("time", Instant.ofEpochMilli(old.atEpochMillis()).toString());
        json.writeEndObject();
    }

    private static double rounded(double fraction) {
        return fraction < 0 ? -1 : Math.round(fraction * 100_000) / 100_000.0;
    }
}
