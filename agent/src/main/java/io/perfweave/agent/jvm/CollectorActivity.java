package io.perfweave.agent.jvm;

import org.HdrHistogram.Histogram;

/**
 * One garbage collector's work in a {@link JvmHealth}: its pauses, or its concurrent cycles.
 *
 * <p>The histograms (durations in nanoseconds, at the JVM's millisecond resolution) are the
 * monitor's own, lent for the duration of one sink call like a probe's: read them during the call,
 * copy what you keep, never modify them.
 *
 * @param name              the collector as its MXBean names it ({@code G1 Young Generation}, {@code ZGC Cycles})
 * @param kind              whether its collections are pauses or concurrent cycles
 * @param intervalCount     collections in the interval
 * @param totalCount        collections since the agent started
 * @param intervalMillis    their summed duration, exact, in milliseconds
 * @param totalMillis       the same since start
 * @param intervalMaxMillis the longest in the interval
 * @param totalMaxMillis    the longest since start
 * @param intervalHistogram durations of the interval's collections
 * @param totalHistogram    durations of the collections since start
 */
public record CollectorActivity(String name, GcKind kind, long intervalCount, long totalCount, long intervalMillis,
                                long totalMillis, long intervalMaxMillis, long totalMaxMillis,
                                Histogram intervalHistogram, Histogram totalHistogram) {
}
