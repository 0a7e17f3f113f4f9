package io.perfweave.agent.jvm;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Looks for the shape of a leak in the occupancy after GC over the last {@code leak.window}: it keeps
 * rising while the application allocates at a steady rate (if the allocation rate rose too, more
 * live data may just be more load). "Keeps rising" means all of:
 * <ul>
 *   <li>at least {@value #MIN_SAMPLES} collections in the window, and one in each of its quarters;</li>
 *   <li>a least-squares line through them rises, and explains most of their variation
 *       (R² ≥ {@value #MIN_R_SQUARED}): a steady heap collected in a sawtooth does not fit a line;</li>
 *   <li>the floor keeps rising: the lowest occupancy in each quarter of the window is above the lowest
 *       in the quarter before, which a collection of the whole old generation would have undone, and
 *       which a step up followed by a plateau (a warm-up) does not do;</li>
 *   <li>at that slope, a whole window adds at least {@value #MIN_GROWTH_PER_WINDOW} of the old
 *       generation's maximum: the few objects any JVM keeps promoting (compiled code's, class
 *       metadata's) make a steady, tiny rise that is no news.</li>
 * </ul>
 * The allocation rate is steady when the per-interval rates in the window vary by at most
 * {@value #MAX_ALLOCATION_VARIATION} of their mean (coefficient of variation). Reporter thread only.
 */
public final class LeakDetector {

    static final int MIN_SAMPLES = 5;
    static final double MIN_R_SQUARED = 0.6;
    static final double MAX_ALLOCATION_VARIATION = 0.5;
    static final double MIN_GROWTH_PER_WINDOW = 0.01;

    private final long windowMillis;
    private final Deque<Occupancy> occupancies = new ArrayDeque<>();
    private final Deque<long[]> allocationRates = new ArrayDeque<>();

    public LeakDetector(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    public void addOccupancy(Occupancy occupancy) {
        occupancies.addLast(occupancy);
    }

    /** One interval's allocation rate, in bytes per second, at the interval's end. */
    public void addAllocationRate(long atEpochMillis, double bytesPerSecond) {
        allocationRates.addLast(new long[] {atEpochMillis, Math.round(bytesPerSecond)});
    }

    /** Growth that looks like a leak at {@code nowEpochMillis}, if any. */
    public Optional<Growth> evaluate(long nowEpochMillis) {
        long from = nowEpochMillis - windowMillis;
        while (!occupancies.isEmpty() && occupancies.peekFirst().atEpochMillis() < from) {
            occupancies.removeFirst();
        }
        while (!allocationRates.isEmpty() && allocationRates.peekFirst()[0] < from) {
            allocationRates.removeFirst();
        }
        if (occupancies.size() < MIN_SAMPLES) {
            return Optional.empty();
        }
        Growth growth = fit();
        double minSlope = MIN_GROWTH_PER_WINDOW * growth.latest().maxBytes() / (windowMillis / 1000.0);
        return growth.slopeBytesPerSecond() >= minSlope && growth.rSquared() >= MIN_R_SQUARED && floorRises(4, from, windowMillis)
                && allocationSteady() ? Optional.of(growth) : Optional.empty();
    }

    /**
     * Whether the growth is over: the window's line no longer rises, or the later half of the window
     * no longer has a higher floor than the earlier half. Looser than {@link #evaluate}, so that a
     * hint raised stays raised while the leak goes on.
     */
    public boolean stoppedGrowing() {
        return occupancies.size() < 2 || fit().slopeBytesPerSecond() <= 0 || !floorRises(2, occupancies.peekFirst().atEpochMillis(),
                occupancies.peekLast().atEpochMillis() - occupancies.peekFirst().atEpochMillis());
    }

    /**
     * A least-squares line through the samples.
     *
     * @param slopeBytesPerSecond its slope
     * @param rSquared            how much of the samples' variation it explains, 0 to 1
     * @param latest              the latest sample
     */
    public record Growth(double slopeBytesPerSecond, double rSquared, Occupancy latest, int samples) {

        /** Seconds until the old generation is full at this rate; infinite when it does not grow. */
        public double secondsToExhaustion() {
            return slopeBytesPerSecond <= 0 ? Double.POSITIVE_INFINITY
                    : Math.max(0, latest.maxBytes() - latest.usedBytes()) / slopeBytesPerSecond;
        }
    }

    private Growth fit() {
        long t0 = occupancies.peekFirst().atEpochMillis();
        double sumX = 0;
        double sumY = 0;
        for (Occupancy o : occupancies) {
            sumX += (o.atEpochMillis() - t0) / 1000.0;
            sumY += o.usedBytes();
        }
        int n = occupancies.size();
        double meanX = sumX / n;
        double meanY = sumY / n;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (Occupancy o : occupancies) {
            double dx = (o.atEpochMillis() - t0) / 1000.0 - meanX;
            double dy = o.usedBytes() - meanY;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        double rSquared = sxx == 0 || syy == 0 ? 0 : (sxy * sxy) / (sxx * syy);
        return new Growth(slope, rSquared, occupancies.peekLast(), n);
    }

    /**
     * Whether the span from {@code first} on, cut into {@code parts} equal stretches, has a collection in
     * each, and the lowest occupancy of each stretch is above the one before.
     */
    private boolean floorRises(int parts, long first, long spanMillis) {
        double span = Math.max(1, spanMillis);
        long[] floors = new long[parts];
        java.util.Arrays.fill(floors, Long.MAX_VALUE);
        for (Occupancy o : occupancies) {
            int part = Math.min(parts - 1, (int) ((o.atEpochMillis() - first) / span * parts));
            floors[part] = Math.min(floors[part], o.usedBytes());
        }
        for (int i = 1; i < parts; i++) {
            if (floors[i] == Long.MAX_VALUE || floors[i - 1] == Long.MAX_VALUE || floors[i] <= floors[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Steady, or not known (a JVM that cannot count allocation): only a known change in load rules a leak out. */
    private boolean allocationSteady() {
        int n = 0;
        double sum = 0;
        for (long[] rate : allocationRates) {
            if (rate[1] >= 0) {
                n++;
                sum += rate[1];
            }
        }
        if (n < 2) {
            return true;
        }
        double mean = sum / n;
        double squares = 0;
        for (long[] rate : allocationRates) {
            if (rate[1] >= 0) {
                squares += (rate[1] - mean) * (rate[1] - mean);
            }
        }
        return mean > 0 && Math.sqrt(squares / n) / mean <= MAX_ALLOCATION_VARIATION;
    }
}
