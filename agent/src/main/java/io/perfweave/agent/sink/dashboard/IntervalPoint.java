package io.perfweave.agent.sink.dashboard;

import java.time.Instant;
import java.util.Arrays;

/**
 * One interval of the dashboard's history: for every probe called in it, its calls, errors and
 * latency percentiles, packed into one array so that a long history of many probes stays small.
 * Immutable.
 */
final class IntervalPoint {

    static final int CALLS = 0;
    static final int ERRORS = 1;
    static final int P50 = 2;
    static final int P90 = 3;
    static final int P99 = 4;
    static final int MAX = 5;
    private static final int FIELDS = 6;

    private final Instant end;
    private final int[] probeIds;
    private final long[] figures;

    private IntervalPoint(Instant end, int[] probeIds, long[] figures) {
        this.end = end;
        this.probeIds = probeIds;
        this.figures = figures;
    }

    Instant end() {
        return end;
    }

    /** The figure ({@link #CALLS} ... {@link #MAX}) of a probe, or -1 when the probe was not called in this interval. */
    long figure(int probeId, int field) {
        int index = Arrays.binarySearch(probeIds, probeId);
        return index < 0 ? -1 : figures[index * FIELDS + field];
    }

    boolean has(int probeId) {
        return Arrays.binarySearch(probeIds, probeId) >= 0;
    }

    /** Collects the probes of one interval; probes must be added in increasing id order. */
    static final class Builder {

        private final Instant end;
        private int[] ids = new int[8];
        private long[] figures = new long[8 * FIELDS];
        private int size;

        Builder(Instant end) {
            this.end = end;
        }

        void add(int probeId, long calls, long errors, long p50, long p90, long p99, long max) {
            if (size > 0 && probeId <= ids[size - 1]) {
                throw new IllegalArgumentException("probe ids must increase: " + probeId + " after " + ids[size - 1]);
            }
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                figures = Arrays.copyOf(figures, size * 2 * FIELDS);
            }
            ids[size] = probeId;
            int at = size * FIELDS;
            figures[at + CALLS] = calls;
            figures[at + ERRORS] = errors;
            figures[at + P50] = p50;
            figures[at + P90] = p90;
            figures[at + P99] = p99;
            figures[at + MAX] = max;
            size++;
        }

        IntervalPoint build() {
            return new IntervalPoint(end, Arrays.copyOf(ids, size), Arrays.copyOf(figures, size * FIELDS));
        }
    }
}
