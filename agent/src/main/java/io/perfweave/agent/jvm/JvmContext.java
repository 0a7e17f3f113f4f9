package io.perfweave.agent.jvm;

import java.time.Instant;
import java.util.Locale;

/**
 * What the JVM was doing during a stretch of time, to tell "the method got slower" from "the JVM was
 * collecting": the garbage collection pauses that overlapped it and the memory pressure.
 *
 * @param pauses                 stop-the-world pauses that overlapped the window
 * @param pauseMillis            their total duration, in milliseconds
 * @param longestPauseMillis     the longest of them
 * @param longestPauseCollector  the collector of the longest one, or {@code null} when there was none
 * @param cycles                 concurrent cycles that overlapped the window
 * @param highestPressure        the highest memory pressure level during the window
 * @param complete               {@code false} when the window reaches further back than the
 *                               collections the monitor keeps, so the counts may be low
 */
public record JvmContext(Instant start, Instant end, int pauses, long pauseMillis, long longestPauseMillis,
                         String longestPauseCollector, int cycles, PressureLevel highestPressure, boolean complete) {

    /** The share of the window spent in pauses, 0 to 1. */
    public double pauseShare() {
        long window = end.toEpochMilli() - start.toEpochMilli();
        return window <= 0 ? 0 : Math.min(1, (double) pauseMillis / window);
    }

    /** One line for a log message: {@code 3 GC pauses, 41 ms (2.1% of the window), longest 30 ms (G1 Old Generation); pressure yellow}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (pauses == 0) {
            text.append("no GC pause");
        } else {
            text.append(pauses).append(pauses == 1 ? " GC pause, " : " GC pauses, ").append(pauseMillis).append(" ms (")
                    .append(String.format(Locale.ROOT, "%.1f%%", pauseShare() * 100)).append(" of the window), longest ")
                    .append(longestPauseMillis).append(" ms (").append(longestPauseCollector).append(')');
        }
        if (cycles > 0) {
            text.append(", ").append(cycles).append(cycles == 1 ? " concurrent GC cycle" : " concurrent GC cycles");
        }
        text.append("; memory pressure ").append(highestPressure.label());
        if (!complete) {
            text.append(" (GC history incomplete for this window)");
        }
        return text.toString();
    }
}
