package io.perfweave.agent.config;

/**
 * What a budget can limit: a latency figure (nanoseconds), an allocation figure (bytes per call) or
 * the error rate (a fraction). The key is the part after {@code budget.} in the configuration.
 */
public enum BudgetMetric {
    P50("p50", Kind.LATENCY, 50),
    P90("p90", Kind.LATENCY, 90),
    P99("p99", Kind.LATENCY, 99),
    P999("p999", Kind.LATENCY, 99.9),
    MAX("max", Kind.LATENCY, 100),
    MEAN("mean", Kind.LATENCY, Double.NaN),
    ALLOC_P50("alloc.p50", Kind.ALLOCATION, 50),
    ALLOC_P90("alloc.p90", Kind.ALLOCATION, 90),
    ALLOC_P99("alloc.p99", Kind.ALLOCATION, 99),
    ALLOC_P999("alloc.p999", Kind.ALLOCATION, 99.9),
    ALLOC_MAX("alloc.max", Kind.ALLOCATION, 100),
    ALLOC_MEAN("alloc.mean", Kind.ALLOCATION, Double.NaN),
    ERRORS("errors", Kind.ERROR_RATE, Double.NaN);

    /** What a metric measures, which decides how its limit is written and shown. */
    public enum Kind {
        /** Nanoseconds, written as a duration: {@code 25ms}. */
        LATENCY("ns"),
        /** Bytes per call, written with B, KiB, MiB or GiB. */
        ALLOCATION("bytes"),
        /** Failed calls as a fraction of all calls, written as a percentage: {@code 1%}. */
        ERROR_RATE("ratio");

        private final String unit;

        Kind(String unit) {
            this.unit = unit;
        }

        /** The unit of the values in every output: {@code ns}, {@code bytes} or {@code ratio}. */
        public String unit() {
            return unit;
        }
    }

    private final String key;
    private final Kind kind;
    private final double percentile;

    BudgetMetric(String key, Kind kind, double percentile) {
        this.key = key;
        this.kind = kind;
        this.percentile = percentile;
    }

    /** The key in the configuration and the name in every output: {@code p99}, {@code alloc.p99}, {@code errors}. */
    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** The percentile this metric reads from a histogram; NaN for the mean and the error rate. */
    public double percentile() {
        return percentile;
    }

    /** The metric of a configuration key, or {@code null}. */
    public static BudgetMetric ofKey(String key) {
        for (BudgetMetric metric : values()) {
            if (metric.key.equals(key)) {
                return metric;
            }
        }
        return null;
    }

    /**
     * Parses a limit written for this metric.
     *
     * @return nanoseconds, bytes or a fraction
     * @throws IllegalArgumentException saying what is wrong
     */
    public double parseLimit(String text) {
        return switch (kind) {
            case LATENCY -> positive(DurationValue.parseNanos(text), text);
            case ALLOCATION -> ByteSizeValue.parseBytes(text);
            case ERROR_RATE -> parseRate(text);
        };
    }

    private static double positive(long nanos, String text) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("'" + text + "' is no limit: use a duration above 0");
        }
        return nanos;
    }

    /** An error rate: a percentage ({@code 1%}, {@code 0.5%}). */
    static double parseRate(String text) {
        String number = text.strip();
        if (!number.endsWith("%")) {
            throw new IllegalArgumentException("'" + text + "' is not an error rate: use a percentage, for example 1%");
        }
        double percent;
        try {
            percent = Double.parseDouble(number.substring(0, number.length() - 1).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an error rate: use a percentage, for example 1%");
        }
        if (!(percent >= 0) || percent >= 100) {
            throw new IllegalArgumentException("'" + text + "' is out of range: use 0% up to (not including) 100%");
        }
        return percent / 100;
    }

    @Override
    public String toString() {
        return key;
    }
}
