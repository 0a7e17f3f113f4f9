package io.perfweave.agent.sink.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.perfweave.agent.baseline.Baseline;
import io.perfweave.agent.baseline.BaselineVerdicts;
import io.perfweave.agent.baseline.MetricComparison;
import io.perfweave.agent.baseline.ProbeComparison;
import io.perfweave.agent.report.AllocationSummary;
import io.perfweave.agent.report.CallEdge;
import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.ExceptionCount;
import io.perfweave.agent.report.LatencySummary;
import io.perfweave.agent.report.ProbeSnapshot;
import io.perfweave.agent.report.ReportSink;
import io.perfweave.agent.report.ReportSnapshot;
import io.perfweave.agent.report.RunInfo;
import io.perfweave.agent.sink.FileReplacement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the final report as JSON ({@code report.json}); the format is documented in
 * {@code docs/report-format.md}. The file is written beside its destination and moved into place,
 * so a reader never sees half a report.
 */
public final class JsonReportSink implements ReportSink {

    /** Bumped when a field changes meaning or disappears; adding fields does not bump it. */
    public static final int FORMAT_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger("perfweave.report");
    private static final JsonFactory JSON = new JsonFactory();

    private final Path destination;
    private final RunInfo run;
    private final BaselineVerdicts verdicts;

    public JsonReportSink(Path destination, RunInfo run) {
        this(destination, run, null);
    }

    /** @param verdicts the comparison with a baseline, or {@code null} when there is none */
    public JsonReportSink(Path destination, RunInfo run, BaselineVerdicts verdicts) {
        this.destination = destination;
        this.run = run;
        this.verdicts = verdicts;
    }

    @Override
    public void onFinal(ReportSnapshot snapshot) {
        try {
            FileReplacement.write(destination, out -> {
                try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8).useDefaultPrettyPrinter()) {
                    write(json, snapshot);
                }
            });
            LOG.info("JSON report written to {}", destination);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JSON report to " + destination, e);
        }
    }

    private void write(JsonGenerator json, ReportSnapshot snapshot) throws IOException {
        json.writeStartObject();
        json.writeNumberField("formatVersion", FORMAT_VERSION);
        json.writeStringField("agentVersion", run.agentVersion());
        json.writeObjectFieldStart("jvm");
        json.writeStringField("name", run.jvmName());
        json.writeStringField("vendor", run.jvmVendor());
        json.writeStringField("version", run.jvmVersion());
        json.writeNumberField("pid", run.pid());
        if (snapshot.jvm().measured()) {
            JvmHealthJson.health(json, snapshot.jvm(), Duration.between(snapshot.runStart(), snapshot.intervalEnd()));
        }
        json.writeEndObject();
        json.writeStringField("config", run.configSource());
        json.writeStringField("startTime", snapshot.runStart().toString());
        json.writeStringField("endTime", snapshot.intervalEnd().toString());
        json.writeNumberField("dropped", snapshot.droppedTotal());
        if (snapshot.agentCost().measured()) {
            JvmHealthJson.overhead(json, snapshot.agentCost());
        }
        Map<String, ProbeComparison> regressions = Map.of();
        if (verdicts != null) {
            writeBaseline(json, verdicts.baseline());
            regressions = verdicts.of(snapshot);
        }
        json.writeArrayFieldStart("probes");
        for (ProbeSnapshot probe : snapshot.probes()) {
            writeProbe(json, probe, regressions.get(probe.name()));
        }
        json.writeEndArray();
        json.writeArrayFieldStart("callTree");
        for (CallEdge edge : snapshot.callEdges()) {
            json.writeStartObject();
            json.writeStringField("parent", edge.parent());
            json.writeStringField("child", edge.child());
            json.writeNumberField("calls", edge.calls());
            json.writeNumberField("timeNanos", edge.timeNanos());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeBaseline(JsonGenerator json, Baseline baseline) throws IOException {
        json.writeObjectFieldStart("baseline");
        json.writeStringField("file", baseline.source().map(Path::toString).orElse(""));
        json.writeStringField("label", baseline.label());
        json.writeStringField("agentVersion", baseline.agentVersion());
        json.writeStringField("jvmVersion", baseline.jvmVersion());
        json.writeStringField("endTime", baseline.endTime().toString());
        json.writeEndObject();
    }

    private static void writeProbe(JsonGenerator json, ProbeSnapshot probe, ProbeComparison regression)
            throws IOException {
        CallStats total = probe.total();
        ProbeJson.startProbe(json, probe.name(), probe.pattern(), probe.methods(), total.calls(), total.errors(),
                total.dropped());
        json.writeNumberField("errorRate", total.errorRate());
        ProbeJson.latency(json, "latencyNanos", total.latency());
        ProbeJson.latency(json, "failedLatencyNanos", total.failedLatency());
        json.writeArrayFieldStart("exceptions");
        for (ExceptionCount exception : probe.exceptions()) {
            json.writeStartObject();
            json.writeStringField("class", exception.exceptionClass());
            json.writeNumberField("count", exception.count());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNumberField("totalTimeNanos", total.totalTimeNanos());
        json.writeNumberField("selfTimeNanos", total.selfTimeNanos());
        AllocationSummary allocation = total.allocation();
        if (allocation != null) {
            json.writeObjectFieldStart("allocatedBytes");
            json.writeNumberField("samples", allocation.samples());
            json.writeNumberField("min", allocation.min());
            json.writeNumberField("p50", allocation.p50());
            json.writeNumberField("p90", allocation.p90());
            json.writeNumberField("p99", allocation.p99());
            json.writeNumberField("max", allocation.max());
            json.writeNumberField("mean", Math.round(allocation.mean() * 10) / 10.0);
            json.writeNumberField("total", allocation.totalBytes());
            json.writeEndObject();
        }
        if (regression != null) {
            writeRegression(json, regression);
        }
        json.writeEndObject();
    }

    private static void writeRegression(JsonGenerator json, ProbeComparison regression) throws IOException {
        json.writeObjectFieldStart("regression");
        json.writeStringField("status", regression.status().label());
        if (regression.reason() != null) {
            json.writeStringField("reason", regression.reason());
        }
        json.writeNumberField("tolerance", regression.rule().tolerance());
        json.writeNumberField("tailTolerance", regression.rule().tailTolerance());
        json.writeNumberField("minChangeNanos", regression.rule().minChangeNanos());
        json.writeNumberField("minSamples", regression.rule().minSamples());
        json.writeNumberField("baselineSamples", regression.baselineSamples());
        json.writeNumberField("currentSamples", regression.currentSamples());
        json.writeArrayFieldStart("metrics");
        for (MetricComparison metric : regression.metrics()) {
            json.writeStartObject();
            json.writeStringField("metric", metric.metric());
            json.writeStringField("status", metric.status().label());
            json.writeNumberField("baselineNanos", metric.baselineNanos());
            json.writeNumberField("currentNanos", metric.currentNanos());
            if (metric.judged()) {
                json.writeNumberField("change", rounded(metric.change()));
                json.writeNumberField("changeLow", rounded(metric.changeLow()));
                json.writeNumberField("changeHigh", rounded(metric.changeHigh()));
            } else {
                json.writeStringField("reason", metric.reason());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static double rounded(double fraction) {
        return Math.round(fraction * 10_000) / 10_000.0;
    }

    @Override
    public String name() {
        return "json report";
    }
}
