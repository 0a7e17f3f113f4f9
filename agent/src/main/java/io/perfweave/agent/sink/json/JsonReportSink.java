package io.perfweave.agent.sink.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.perfweave.agent.baseline.BaselineVerdicts;
import io.perfweave.agent.baseline.ProbeComparison;
import io.perfweave.agent.report.BudgetStatus;
import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.ProbeSnapshot;
import io.perfweave.agent.report.ReportSink;
import io.perfweave.agent.report.ReportSnapshot;
import io.perfweave.agent.report.RunInfo;
import io.perfweave.agent.sink.FileReplacement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
        ProbeJson.jvm(json, run, snapshot);
        json.writeStringField("config", run.configSource());
        json.writeStringField("startTime", snapshot.runStart().toString());
        json.writeStringField("endTime", snapshot.intervalEnd().toString());
        json.writeNumberField("dropped", snapshot.droppedTotal());
        json.writeNumberField("intervalOverruns", snapshot.health().intervalOverruns());
        json.writeNumberField("agentFailures", snapshot.health().failures());
        if (snapshot.agentCost().measured()) {
            JvmHealthJson.overhead(json, snapshot.agentCost());
        }
        Map<String, ProbeComparison> regressions = Map.of();
        if (verdicts != null) {
            ProbeJson.baseline(json, verdicts.baseline());
            regressions = verdicts.of(snapshot);
        }
        json.writeArrayFieldStart("probes");
        for (ProbeSnapshot probe : snapshot.probes()) {
            writeProbe(json, probe, regressions.get(probe.name()));
        }
        json.writeEndArray();
        ProbeJson.callTree(json, snapshot.callEdges());
        json.writeEndObject();
    }

    private static void writeProbe(JsonGenerator json, ProbeSnapshot probe, ProbeComparison regression)
            throws IOException {
        CallStats total = probe.total();
        ProbeJson.startProbe(json, probe.name(), probe.pattern(), probe.methods(), total.calls(), total.errors(),
                total.dropped());
        json.writeNumberField("errorRate", total.errorRate());
        if (probe.samplePeriod() > 1 || probe.adaptive()) {
            ProbeJson.sampling(json, probe.samplePeriod(), probe.adaptive(), probe.priority(), probe.periodInForce(),
                    total, probe.interval());
        }
        ProbeJson.latency(json, "latencyNanos", total.latency());
        ProbeJson.latency(json, "failedLatencyNanos", total.failedLatency());
        ProbeJson.exceptions(json, probe.exceptions());
        json.writeNumberField("totalTimeNanos", total.totalTimeNanos());
        json.writeNumberField("selfTimeNanos", total.selfTimeNanos());
        if (total.allocation() != null) {
            ProbeJson.allocation(json, "allocatedBytes", total.allocation());
        }
        if (regression != null) {
            ProbeJson.regression(json, regression);
        }
        writeBudget(json, probe.budget());
        json.writeEndObject();
    }

    /** The probe's limits, its violations (ongoing ones too) and its anomalous intervals. */
    private static void writeBudget(JsonGenerator json, BudgetStatus budget) throws IOException {
        if (!budget.limits().isEmpty()) {
            json.writeObjectFieldStart("budget");
            for (BudgetStatus.Limit limit : budget.limits()) {
                ProbeJson.budgetValue(json, limit.metric().key(), limit.metric(), limit.limit());
            }
            json.writeEndObject();
        }
        ProbeJson.budgetViolations(json, budget.violations());
        if (!budget.anomalies().isEmpty()) {
            json.writeArrayFieldStart("anomalies");
            for (BudgetStatus.Anomaly anomaly : budget.anomalies()) {
                json.writeStartObject();
                json.writeNumberField("p99Nanos", Math.round(anomaly.p99Nanos()));
                json.writeNumberField("meanNanos", Math.round(anomaly.meanNanos()));
                json.writeNumberField("stddevNanos", Math.round(anomaly.stddevNanos()));
                json.writeNumberField("zScore", Math.round(anomaly.zScore() * 100) / 100.0);
                json.writeNumberField("threshold", anomaly.threshold());
                json.writeNumberField("samples", anomaly.samples());
                json.writeNumberField("history", anomaly.history());
                json.writeStringField("intervalStart", anomaly.intervalStart().toString());
                json.writeStringField("intervalEnd", anomaly.intervalEnd().toString());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }


    @Override
    public String name() {
        return "json report";
    }
}
