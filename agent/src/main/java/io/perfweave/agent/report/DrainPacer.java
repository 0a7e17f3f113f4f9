package io.perfweave.agent.report;

import java.util.concurrent.TimeUnit;

/**
 * How long the reporter rests between two drains. Rings fill at the pace of the application, not of
 * the reporting interval, so the reporter drains far more often than it reports: rarely while the
 * rings stay nearly empty, within a millisecond when one was filling up. A ring that fills anyway
 * grows (see {@code ProbeRings}) before anything is dropped.
 */
final class DrainPacer {

    static final long BUSY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    static final long WARM_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(4);
    static final long IDLE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private DrainPacer() {
    }

    /**
     * @param highestFill the highest ring fill ratio found by the last drain
     * @param untilReport nanoseconds until the next report is due
     */
    static long pauseNanos(double highestFill, long untilReport) {
        long pause = highestFill >= 0.5 ? BUSY_PAUSE_NANOS : highestFill >= 0.125 ? WARM_PAUSE_NANOS : IDLE_PAUSE_NANOS;
        return Math.max(0, Math.min(pause, untilReport));
    }
}
