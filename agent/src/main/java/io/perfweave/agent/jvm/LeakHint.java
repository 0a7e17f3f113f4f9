package io.perfweave.agent.jvm;

/**
 * The old generation's occupancy after GC has kept rising across the leak window while the
 * allocation rate stayed steady: live data grows, which is what a leak looks like.
 *
 * @param growthBytesPerSecond how fast occupancy after GC grows: the slope of a least-squares line
 *                             through the window's samples
 * @param secondsToExhaustion  how long until the old generation is full at that rate
 * @param usedBytes            occupancy after the latest GC
 * @param maxBytes             the old generation's maximum
 * @param samples              collections in the window
 * @param sinceEpochMillis     when the hint was first raised
 */
public record LeakHint(double growthBytesPerSecond, double secondsToExhaustion, long usedBytes, long maxBytes,
                       int samples, long sinceEpochMillis) {
}
