package io.perfweave.agent.config;

import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The Prometheus endpoint's settings. Documented in {@code docs/configuration.md}; the metrics it
 * serves in {@code docs/exporters.md}.
 *
 * @param port               {@code prometheus.port}; empty means no endpoint, 0 any free port
 * @param host               {@code prometheus.host}: the address to listen on, loopback unless the user says otherwise
 * @param bucketBoundsNanos  {@code prometheus.buckets}: the histogram's upper bounds, increasing, in nanoseconds
 * @param summaryWindowNanos {@code prometheus.summary.window}: how far back the summary's quantiles look
 */
public record PrometheusConfig(OptionalInt port, String host, List<Long> bucketBoundsNanos, long summaryWindowNanos) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    /** 100ns to 10s in steps of 1, 2.5, 5: fine enough for a quantile estimate, few enough series per probe. */
    public static final List<Long> DEFAULT_BUCKETS_NANOS = List.of(
            100L, 250L, 500L,
            1_000L, 2_500L, 5_000L,
            10_000L, 25_000L, 50_000L,
            100_000L, 250_000L, 500_000L,
            1_000_000L, 2_500_000L, 5_000_000L,
            10_000_000L, 25_000_000L, 50_000_000L,
            100_000_000L, 250_000_000L, 500_000_000L,
            1_000_000_000L, 2_500_000_000L, 5_000_000_000L,
            10_000_000_000L);

    public static final long DEFAULT_SUMMARY_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    public PrometheusConfig {
        bucketBoundsNanos = List.copyOf(bucketBoundsNanos);
    }

    public static PrometheusConfig disabled() {
        return new PrometheusConfig(OptionalInt.empty(), DEFAULT_HOST, DEFAULT_BUCKETS_NANOS, DEFAULT_SUMMARY_WINDOW_NANOS);
    }
}
