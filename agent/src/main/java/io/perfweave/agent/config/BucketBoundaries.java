package io.perfweave.agent.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the upper bounds of the Prometheus latency histogram: durations separated by commas or
 * spaces ({@code 1ms, 10ms, 100ms, 1s}), strictly increasing. The {@code +Inf} bucket is always
 * added by the exporter and is not listed.
 */
final class BucketBoundaries {

    static final int MAX_BOUNDARIES = 100;

    private BucketBoundaries() {
    }

    /**
     * @return the boundaries in nanoseconds
     * @throws IllegalArgumentException naming the offending entry and its position
     */
    static List<Long> parseNanos(String text) {
        String[] parts = text.strip().split("[,\\s]+");
        if (text.isBlank()) {
            throw new IllegalArgumentException("no bucket boundaries given: list durations in increasing order,"
                    + " for example 1ms, 10ms, 100ms, 1s");
        }
        if (parts.length > MAX_BOUNDARIES) {
            throw new IllegalArgumentException(parts.length + " bucket boundaries are too many: use at most "
                    + MAX_BOUNDARIES + " (each one is a time series per probe)");
        }
        List<Long> bounds = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            long nanos;
            try {
                nanos = DurationValue.parseNanos(part);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("boundary " + (i + 1) + ": " + e.getMessage());
            }
            if (nanos <= 0) {
                throw new IllegalArgumentException("boundary " + (i + 1) + " ('" + part + "') must be longer than 0");
            }
            if (!bounds.isEmpty() && nanos <= bounds.get(bounds.size() - 1)) {
                throw new IllegalArgumentException("boundary " + (i + 1) + " ('" + part + "') is not greater than the one"
                        + " before it ('" + parts[i - 1] + "'): list the boundaries in increasing order, without repeats");
            }
            bounds.add(nanos);
        }
        return bounds;
    }
}
