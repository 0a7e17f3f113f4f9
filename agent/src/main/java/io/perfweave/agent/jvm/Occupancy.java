package io.perfweave.agent.jvm;

/**
 * How full the old generation was after a collection.
 *
 * @param pool             the memory pool taken as the old generation ({@code G1 Old Gen}, {@code Tenured Gen}, {@code ZHeap})
 * @param usedBytes        its usage after the collection
 * @param maxBytes         the most it may grow to
 * @param atEpochMillis    when the collection ended
 */
public record Occupancy(String pool, long usedBytes, long maxBytes, long atEpochMillis) {

    /** {@code usedBytes / maxBytes}, 0 to 1. */
    public double fraction() {
        return maxBytes <= 0 ? 0 : (double) usedBytes / maxBytes;
    }
}
