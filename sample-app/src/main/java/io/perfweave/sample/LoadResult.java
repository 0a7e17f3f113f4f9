package io.perfweave.sample;

import java.time.Duration;

/**
 * What a {@link LoadDriver} run did, summed over all workers.
 */
public record LoadResult(long requests, long accepted, long outOfStock, long malformed, Duration elapsed) {

    public double requestsPerSecond() {
        long nanos = elapsed.toNanos();
        return nanos == 0 ? 0 : requests * 1e9 / nanos;
    }
}
