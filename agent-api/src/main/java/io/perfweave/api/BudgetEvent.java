package io.perfweave.api;

import java.time.Instant;
import java.util.Map;

/**
 * A budget raised or cleared, or an anomalous interval, as the agent reported it. Values are in the
 * unit {@link #unit()} names: nanoseconds ({@code ns}), bytes per call ({@code bytes}) or a fraction
 * of calls ({@code ratio}).
 */
public final class BudgetEvent {

    public enum Kind {
        /** A limit was exceeded over the window. */
        RAISED,
        /** A raised limit is back within {@code limit × (1 - budget.hysteresis)}. */
        CLEARED,
        /** An interval's p99 lay more than {@code anomaly.threshold} standard deviations above the recent intervals. */
        ANOMALY
    }

    private final Kind kind;
    private final String probe;
    private final String metric;
    private final String unit;
    private final double limit;
    private final double observed;
    private final long samples;
    private final long windowNanos;
    private final Instant time;
    private final String message;

    BudgetEvent(Kind kind, String probe, String metric, String unit, double limit, double observed, long samples,
                long windowNanos, Instant time, String message) {
        this.kind = kind;
        this.probe = probe;
        this.metric = metric;
        this.unit = unit;
        this.limit = limit;
        this.observed = observed;
        this.samples = samples;
        this.windowNanos = windowNanos;
        this.time = time;
        this.message = message;
    }

    /** Reads the map the agent sends across its bridge (the keys are documented on the agent's {@code AgentBridge}). */
    static BudgetEvent of(Map<String, Object> event) {
        String kind = String.valueOf(event.get("kind"));
        return new BudgetEvent(
                kind.equals("raised") ? Kind.RAISED : kind.equals("cleared") ? Kind.CLEARED : Kind.ANOMALY,
                String.valueOf(event.get("probe")),
                String.valueOf(event.get("metric")),
                String.valueOf(event.get("unit")),
                number(event, "limit").doubleValue(),
                number(event, "observed").doubleValue(),
                number(event, "samples").longValue(),
                number(event, "windowNanos").longValue(),
                Instant.parse(String.valueOf(event.get("time"))),
                String.valueOf(event.get("message")));
    }

    private static Number number(Map<String, Object> event, String key) {
        Object value = event.get(key);
        return value instanceof Number number ? number : Double.NaN;
    }

    public Kind kind() {
        return kind;
    }

    /** The probe; {@code (agent)} for the agent's own budget, {@code agent.budget.overhead}. */
    public String probe() {
        return probe;
    }

    /**
     * {@code p50}, {@code p90}, {@code p99}, {@code p999}, {@code max}, {@code mean}, {@code alloc.*} or
     * {@code errors}; {@code overhead} (the agent's share of the process's CPU, unit {@code ratio}) for
     * probe {@code (agent)}.
     */
    public String metric() {
        return metric;
    }

    /** {@code ns}, {@code bytes} or {@code ratio}. */
    public String unit() {
        return unit;
    }

    /** The limit; for an anomaly, the mean p99 of the recent intervals plus threshold standard deviations. */
    public double limit() {
        return limit;
    }

    /** The metric over the window when raised or cleared; for an anomaly, the interval's p99. */
    public double observed() {
        return observed;
    }

    /** Calls in the window (or interval) judged. */
    public long samples() {
        return samples;
    }

    /** The length of the window (or interval) judged. */
    public long windowNanos() {
        return windowNanos;
    }

    /** The end of the interval where this happened. */
    public Instant time() {
        return time;
    }

    /** The agent's log line for it, for example {@code budget exceeded: checkout p99 31.2ms > 25.0ms over last 10.0s (n=1204)}. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
