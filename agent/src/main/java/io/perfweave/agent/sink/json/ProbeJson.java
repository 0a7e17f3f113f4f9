package io.perfweave.agent.sink.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.perfweave.agent.baseline.Baseline;
import io.perfweave.agent.baseline.Measure;
import io.perfweave.agent.baseline.MetricComparison;
import io.perfweave.agent.baseline.ProbeComparison;
import io.perfweave.agent.config.BudgetMetric;
import io.perfweave.agent.config.ProbePriority;
import io.perfweave.agent.jvm.JvmContext;
import io.perfweave.agent.report.AllocationSummary;
import io.perfweave.agent.report.BudgetStatus;
import io.perfweave.agent.report.CallEdge;
import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.ExceptionCount;
import io.perfweave.agent.report.LatencySummary;
import io.perfweave.agent.report.ReportSnapshot;
import io.perfweave.agent.report.RunInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The fields a probe has in every Perfweave JSON document (the report, the baseline, the dashboard's
 * API), written one way so that they can never disagree on a name or a shape.
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

    /**
     * The {@code sampling} object: the probe's own rate, and for adaptive sampling its priority and
     * the rate in force in the last interval; the calls timed and untimed since start and in the last interval.
     *
     * @param samplePeriod  N of the probe's {@code sample = 1/N}
     * @param periodInForce N of the one-in-N timing in force in the last interval
     */
    public static void sampling(JsonGenerator json, int samplePeriod, boolean adaptive, ProbePriority priority,
                                int periodInForce, CallStats total, CallStats interval) throws IOException {
        json.writeObjectFieldStart("sampling");
        json.writeStringField("rate", "1/" + samplePeriod);
        if (adaptive) {
            json.writeBooleanField("adaptive", true);
            json.writeStringField("priority", priority.label());
        }
        json.writeStringField("rateInForce", "1/" + periodInForce);
        json.writeNumberField("timed", total.latency().samples());
        json.writeNumberField("untimed", total.untimed());
        json.writeNumberField("effectiveRate", total.timedRate());
        json.writeNumberField("intervalCalls", interval.calls());
        json.writeNumberField("intervalEffectiveRate", interval.timedRate());
        json.writeEndObject();
    }

    /** The {@code budgetViolations} array: the probe's violations, ongoing and cleared, oldest first. */
    public static void budgetViolations(JsonGenerator json, List<BudgetStatus.Violation> violations) throws IOException {
        json.writeArrayFieldStart("budgetViolations");
        for (BudgetStatus.Violation violation : violations) {
            BudgetMetric metric = violation.metric();
            json.writeStartObject();
            json.writeStringField("metric", metric.key());
            json.writeStringField("unit", metric.kind().unit());
            budgetValue(json, "limit", metric, violation.limit());
            budgetValue(json, "observed", metric, violation.observed());
            json.writeNumberField("windowNanos", violation.windowNanos());
            json.writeNumberField("samples", violation.samples());
            json.writeStringField("raised", violation.raised().toString());
            if (violation.ongoing()) {
                json.writeNullField("cleared");
                json.writeStringField("state", "ongoing");
            } else {
                json.writeStringField("cleared", violation.cleared().toString());
                json.writeStringField("state", "cleared");
                budgetValue(json, "clearedObserved", metric, violation.clearedObserved());
                json.writeNumberField("clearedSamples", violation.clearedSamples());
            }
            jvmContext(json, violation.jvm());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /**
     * The {@code jvm} object of a violation: what the JVM did in the window it was raised over. Nothing
     * when that is not known (no JVM monitor).
     */
    static void jvmContext(JsonGenerator json, JvmContext context) throws IOException {
        if (context == null) {
            return;
        }
        json.writeObjectFieldStart("jvm");
        json.writeNumberField("gcPauses", context.pauses());
        json.writeNumberField("gcPauseMillis", context.pauseMillis());
        json.writeNumberField("longestGcPauseMillis", context.longestPauseMillis());
        if (context.longestPauseCollector() == null) {
            json.writeNullField("longestGcPauseCollector");
        } else {
            json.writeStringField("longestGcPauseCollector", context.longestPauseCollector());
        }
        json.writeNumberField("concurrentGcCycles", context.cycles());
        json.writeStringField("pressure", context.highestPressure().label());
        json.writeBooleanField("complete", context.complete());
        json.writeEndObject();
    }

    /** A budget figure: nanoseconds and bytes as whole numbers (a mean rounded to a tenth), an error rate as a fraction. */
    public static void budgetValue(JsonGenerator json, String field, BudgetMetric metric, double value) throws IOException {
        if (metric.kind() == BudgetMetric.Kind.ERROR_RATE) {
            json.writeNumberField(field, Math.round(value * 1_000_000) / 1_000_000.0);
        } else if (metric == BudgetMetric.MEAN || metric == BudgetMetric.ALLOC_MEAN) {
            json.writeNumberField(field, Math.round(value * 10) / 10.0);
        } else {
            json.writeNumberField(field, Math.round(value));
        }
    }

    /** The {@code jvm} object: the JVM the agent ran in. */
    public static void jvm(JsonGenerator json, RunInfo run) throws IOException {
        json.writeObjectFieldStart("jvm");
        jvmIdentity(json, run);
        json.writeEndObject();
    }

    /** The {@code jvm} object with the JVM's health as of the snapshot, when it was measured. */
    public static void jvm(JsonGenerator json, RunInfo run, ReportSnapshot snapshot) throws IOException {
        json.writeObjectFieldStart("jvm");
        jvmIdentity(json, run);
        if (snapshot.jvm().measured()) {
            JvmHealthJson.health(json, snapshot.jvm(), Duration.between(snapshot.runStart(), snapshot.intervalEnd()));
        }
        json.writeEndObject();
    }

    private static void jvmIdentity(JsonGenerator json, RunInfo run) throws IOException {
        json.writeStringField("name", run.jvmName());
        json.writeStringField("vendor", run.jvmVendor());
        json.writeStringField("version", run.jvmVersion());
        json.writeNumberField("pid", run.pid());
    }

    /** The {@code baseline} object: the baseline of {@code baseline.compare}. */
    public static void baseline(JsonGenerator json, Baseline baseline) throws IOException {
        json.writeObjectFieldStart("baseline");
        json.writeStringField("file", baseline.source().map(Path::toString).orElse(""));
        json.writeStringField("label", baseline.label());
        json.writeStringField("agentVersion", baseline.agentVersion());
        json.writeStringField("jvmVersion", baseline.jvmVersion());
        json.writeStringField("endTime", baseline.endTime().toString());
        json.writeEndObject();
    }

    /** The {@code exceptions} array: the exception classes the calls ended with, most frequent first. */
    public static void exceptions(JsonGenerator json, List<ExceptionCount> exceptions) throws IOException {
        json.writeArrayFieldStart("exceptions");
        for (ExceptionCount exception : exceptions) {
            json.writeStartObject();
            json.writeStringField("class", exception.exceptionClass());
            json.writeNumberField("count", exception.count());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** The {@code callTree} array: every parent to child step between probes. */
    public static void callTree(JsonGenerator json, List<CallEdge> edges) throws IOException {
        json.writeArrayFieldStart("callTree");
        for (CallEdge edge : edges) {
            json.writeStartObject();
            json.writeStringField("parent", edge.parent());
            json.writeStringField("child", edge.child());
            json.writeNumberField("calls", edge.calls());
            json.writeNumberField("timeNanos", edge.timeNanos());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    public static void allocation(JsonGenerator json, String field, AllocationSummary allocation) throws IOException {
        json.writeObjectFieldStart(field);
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

    /** The {@code regression} object: how the probe compares with the baseline of {@code baseline.compare}. */
    public static void regression(JsonGenerator json, ProbeComparison regression) throws IOException {
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
        json.writeNumberField("baselineRuns", regression.baselineRuns());
        if (regression.note() != null) {
            json.writeStringField("note", regression.note());
        }
        json.writeArrayFieldStart("metrics");
        for (MetricComparison metric : regression.metrics()) {
            json.writeStartObject();
            json.writeStringField("metric", metric.metric());
            json.writeStringField("status", metric.status().label());
            String unit = metric.measure() == Measure.ALLOCATION ? "Bytes" : "Nanos";
            json.writeNumberField("baseline" + unit, metric.baselineValue());
            json.writeNumberField("current" + unit, metric.currentValue());
            if (metric.baselineRuns() > 1) {
                json.writeNumberField("baselineLowest" + unit, metric.baselineLowest());
                json.writeNumberField("baselineHighest" + unit, metric.baselineHighest());
            }
            json.writeBooleanField("decisive", metric.decisive());
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
}
