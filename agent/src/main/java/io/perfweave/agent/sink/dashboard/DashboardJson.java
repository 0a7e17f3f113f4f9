package io.perfweave.agent.sink.dashboard;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import io.perfweave.agent.jvm.CollectorActivity;
import io.perfweave.agent.jvm.JvmHealth;
import io.perfweave.agent.jvm.LeakHint;
import io.perfweave.agent.overhead.AgentCost;
import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.ReporterHealth;
import io.perfweave.agent.sink.json.JvmHealthJson;
import io.perfweave.agent.sink.json.ProbeJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Writes the dashboard's JSON documents: the snapshot ({@code /api/snapshot}), one probe's history
 * and distribution ({@code /api/probes/<name>}), and the two together for the HTML report. Fields
 * are documented in {@code docs/dashboard.md}; those a probe shares with the JSON report are
 * written by {@link ProbeJson}, so they never differ.
 *
 * <p>{@code <}, {@code >} and {@code &} are always written as {@code \}{@code u} escapes, so a
 * document is safe to embed in an HTML {@code <script>} element whatever the probe or exception
 * names contain.
 */
final class DashboardJson {

    private static final JsonFactory JSON = new JsonFactory();

    private DashboardJson() {
    }

    /** A document written by {@code body} into a generator. */
    @FunctionalInterface
    interface Body {
        void writeTo(JsonGenerator json) throws IOException;
    }

    static byte[] bytes(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        write(out, body);
        return out.toByteArray();
    }

    static void write(OutputStream out, Body body) {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.setCharacterEscapes(HtmlSafeEscapes.INSTANCE);
            body.writeTo(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void snapshot(JsonGenerator json, DashboardView view) throws IOException {
        json.writeStartObject();
        json.writeNumberField("sequence", view.sequence());
        json.writeBooleanField("final", view.finalReport());
        json.writeStringField("agentVersion", view.run().agentVersion());
        ProbeJson.jvm(json, view.run());
        json.writeStringField("config", view.run().configSource());
        json.writeStringField("startTime", view.runStart().toString());
        json.writeStringField("intervalStart", view.intervalStart().toString());
        json.writeStringField("intervalEnd", view.intervalEnd().toString());
        json.writeNumberField("intervalMillis", view.intervalNanos() / 1_000_000);
        if (view.baseline().isPresent()) {
            ProbeJson.baseline(json, view.baseline().get());
        }
        agent(json, view);
        jvmHealth(json, view.jvm());
        json.writeArrayFieldStart("probes");
        double intervalSeconds = Math.max(1, Duration.between(view.intervalStart(), view.intervalEnd()).toNanos()) / 1e9;
        for (ProbeView probe : view.probes()) {
            probe(json, probe, intervalSeconds);
        }
        json.writeEndArray();
        ProbeJson.callTree(json, view.callEdges());
        json.writeEndObject();
    }

    /** The reporter's own figures and the snapshot's {@link AgentCost}, interval figures unless said otherwise. */
    private static void agent(JsonGenerator json, DashboardView view) throws IOException {
        ReporterHealth reporter = view.reporter();
        AgentCost cost = view.agentCost();
        json.writeObjectFieldStart("agent");
        json.writeNumberField("dropped", view.droppedTotal());
        json.writeNumberField("reportNanos", reporter.previousReportNanos());
        json.writeNumberField("ringFill", reporter.highestRingFill());
        json.writeNumberField("rings", reporter.rings());
        json.writeBooleanField("costMeasured", cost.measured());
        json.writeNumberField("cpuShare", share(cost.share()));
        json.writeNumberField("cpuShareTotal", share(cost.shareTotal()));
        json.writeNumberField("reporterCpuNanos", cost.reporterCpuNanos());
        json.writeNumberField("reporterCpuShare", share(cost.reporterShare()));
        json.writeNumberField("probeCalls", cost.probeCalls());
        json.writeNumberField("probeCallNanos", cost.probeCallNanos());
        json.writeNumberField("probeCostNanos", cost.probeCostNanos());
        json.writeNumberField("probeShare", share(cost.probeShare()));
        json.writeNumberField("processCpuNanos", cost.processCpuNanos());
        json.writeNumberField("retainedBytes", cost.retainedBytes());
        if (Double.isNaN(cost.budget())) {
            json.writeNullField("overheadBudget");
        } else {
            json.writeNumberField("overheadBudget", cost.budget());
        }
        json.writeBooleanField("overBudget", cost.overBudget());
        json.writeEndObject();
    }

    /** The snapshot's {@link JvmHealth}: the JVM at the end of the interval, and what it did during it. */
    private static void jvmHealth(JsonGenerator json, JvmHealth jvm) throws IOException {
        json.writeObjectFieldStart("jvmHealth");
        json.writeBooleanField("measured", jvm.measured());
        json.writeNumberField("heapUsedBytes", jvm.heapUsedBytes());
        json.writeNumberField("heapCommittedBytes", jvm.heapCommittedBytes());
        json.writeNumberField("heapMaxBytes", jvm.heapMaxBytes());
        JvmHealthJson.oldGenAfterGc(json, jvm.oldGenAfterGc());
        json.writeObjectFieldStart("pressure");
        json.writeStringField("level", jvm.pressure().label());
        json.writeStringField("highest", jvm.highestPressure().label());
        json.writeEndObject();
        json.writeArrayFieldStart("gc");
        for (CollectorActivity collector : jvm.collectors()) {
            json.writeStartObject();
            json.writeStringField("name", collector.name());
            json.writeStringField("kind", collector.kind().label());
            json.writeNumberField("intervalCount", collector.intervalCount());
            json.writeNumberField("intervalMillis", collector.intervalMillis());
            json.writeNumberField("intervalMaxMillis", collector.intervalMaxMillis());
            json.writeNumberField("totalCount", collector.totalCount());
            json.writeNumberField("totalMillis", collector.totalMillis());
            json.writeNumberField("totalMaxMillis", collector.totalMaxMillis());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNumberField("allocationBytesPerSecond", Math.round(jvm.allocationBytesPerSecond()));
        json.writeNumberField("allocatedBytesTotal", jvm.allocatedBytesTotal());
        json.writeNumberField("liveThreads", jvm.liveThreads());
        json.writeNumberField("peakThreads", jvm.peakThreads());
        json.writeNumberField("processCpuLoad", share(jvm.processCpuLoad()));
        json.writeNumberField("processors", jvm.processors());
        LeakHint leak = jvm.leakHint();
        if (leak != null) {
            json.writeObjectFieldStart("leakHint");
            json.writeBooleanField("active", jvm.leakHintActive());
            json.writeNumberField("growthBytesPerSecond", Math.round(leak.growthBytesPerSecond()));
            json.writeNumberField("secondsToExhaustion", Double.isFinite(leak.secondsToExhaustion())
                    ? Math.round(leak.secondsToExhaustion() * 10) / 10.0 : -1);
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    /** A fraction to six decimals; -1 (unknown) stays -1. */
    private static double share(double fraction) {
        return fraction < 0 ? -1 : Math.round(fraction * 1e6) / 1e6;
    }

    private static void probe(JsonGenerator json, ProbeView probe, double intervalSeconds) throws IOException {
        CallStats total = probe.total();
        ProbeJson.startProbe(json, probe.name(), probe.pattern(), probe.methods(), total.calls(), total.errors(),
                total.dropped());
        json.writeNumberField("errorRate", total.errorRate());
        // Always, unlike the JSON report: the page's table shows every probe's timed share.
        ProbeJson.sampling(json, probe.samplePeriod(), probe.adaptive(), probe.priority(), probe.periodInForce(), total,
                probe.interval());
        ProbeJson.latency(json, "latencyNanos", total.latency());
        ProbeJson.latency(json, "failedLatencyNanos", total.failedLatency());
        if (total.allocation() != null) {
            ProbeJson.allocation(json, "allocatedBytes", total.allocation());
        }
        ProbeJson.exceptions(json, probe.exceptions());
        json.writeNumberField("totalTimeNanos", total.totalTimeNanos());
        json.writeNumberField("selfTimeNanos", total.selfTimeNanos());
        CallStats interval = probe.interval();
        json.writeObjectFieldStart("interval");
        json.writeNumberField("count", interval.calls());
        json.writeNumberField("errors", interval.errors());
        json.writeNumberField("dropped", interval.dropped());
        json.writeNumberField("ratePerSecond", Math.round(interval.calls() / intervalSeconds * 10) / 10.0);
        ProbeJson.latency(json, "latencyNanos", interval.latency());
        json.writeEndObject();
        json.writeObjectFieldStart("budget");
        json.writeStringField("state", probe.budget().state());
        json.writeStringField("detail", probe.budget().detail());
        json.writeEndObject();
        ProbeJson.budgetViolations(json, probe.violations());
        if (probe.regression() != null) {
            ProbeJson.regression(json, probe.regression());
        }
        json.writeEndObject();
    }

    /** One probe's history over the intervals the view keeps, and its latency distributions. */
    static void probeDetail(JsonGenerator json, DashboardView view, ProbeView probe) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", probe.name());
        json.writeNumberField("sequence", view.sequence());
        json.writeArrayFieldStart("history");
        for (IntervalPoint point : view.history()) {
            json.writeStartObject();
            json.writeStringField("end", point.end().toString());
            boolean called = point.has(probe.id());
            json.writeNumberField("count", called ? point.figure(probe.id(), IntervalPoint.CALLS) : 0);
            json.writeNumberField("errors", called ? point.figure(probe.id(), IntervalPoint.ERRORS) : 0);
            if (called) {
                json.writeNumberField("p50", point.figure(probe.id(), IntervalPoint.P50));
                json.writeNumberField("p90", point.figure(probe.id(), IntervalPoint.P90));
                json.writeNumberField("p99", point.figure(probe.id(), IntervalPoint.P99));
                json.writeNumberField("max", point.figure(probe.id(), IntervalPoint.MAX));
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeObjectFieldStart("distribution");
        spectrum(json, "sinceStart", probe.sinceStart());
        spectrum(json, "lastInterval", probe.lastInterval());
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void spectrum(JsonGenerator json, String field, PercentileSpectrum spectrum) throws IOException {
        json.writeArrayFieldStart(field);
        for (int i = 0; i < spectrum.size(); i++) {
            json.writeStartObject();
            json.writeNumberField("percentile", spectrum.percentile(i));
            json.writeNumberField("valueNanos", spectrum.valueNanos(i));
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** The snapshot and every probe's detail in one document, as the HTML report embeds them. */
    static void report(JsonGenerator json, DashboardView view) throws IOException {
        json.writeStartObject();
        json.writeFieldName("snapshot");
        snapshot(json, view);
        json.writeObjectFieldStart("details");
        for (ProbeView probe : view.probes()) {
            json.writeFieldName(probe.name());
            probeDetail(json, view, probe);
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    /** Escapes the characters that could end or open markup in an HTML {@code <script>} element. */
    private static final class HtmlSafeEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;
        static final HtmlSafeEscapes INSTANCE = new HtmlSafeEscapes();

        private final int[] ascii;

        private HtmlSafeEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii['<'] = ESCAPE_STANDARD;
            ascii['>'] = ESCAPE_STANDARD;
            ascii['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
