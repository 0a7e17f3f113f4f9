package io.perfweave.agent.baseline;

/** What a compared percentile is a percentile of. */
public enum Measure {
    /** Nanoseconds per call, callees included. */
    LATENCY("", "latency", "ns"),
    /** Nanoseconds per call less the time in probed methods it called. */
    SELF_TIME("selfTime.", "self time", "ns"),
    /** Bytes allocated per call by the calling thread. */
    ALLOCATION("allocation.", "allocation", "bytes");

    private final String prefix;
    private final String words;
    private final String unit;

    Measure(String prefix, String words, String unit) {
        this.prefix = prefix;
        this.words = words;
        this.unit = unit;
    }

    /** The metric's name in reports: {@code p50}, {@code selfTime.p50}, {@code allocation.p99}. */
    public String metricName(String percentileName) {
        return prefix + percentileName;
    }

    /** For people: {@code self time}. */
    public String words() {
        return words;
    }

    /** {@code ns} or {@code bytes}. */
    public String unit() {
        return unit;
    }
}
