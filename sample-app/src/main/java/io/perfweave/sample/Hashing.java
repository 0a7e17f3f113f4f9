package io.perfweave.sample;

/**
 * Stable bit mixing used to make per-request decisions (slow fraud check, shelf size, list price).
 *
 * <p>Decisions are derived from the request content instead of a shared random source so that
 * the same request always behaves the same way, whatever thread handles it and in whatever order.
 */
final class Hashing {

    private Hashing() {
    }

    /** SplitMix64 finalizer: cheap, and spreads nearby inputs (c17, c18, ...) over all bits. */
    static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long mix(long a, long b) {
        return mix(a * 31 + mix(b));
    }
}
