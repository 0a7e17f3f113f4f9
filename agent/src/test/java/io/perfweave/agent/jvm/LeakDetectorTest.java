package io.perfweave.agent.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeakDetectorTest {

    private static final long MB = 1024 * 1024;
    private static final long MAX = 256 * MB;
    private static final long WINDOW = 60_000;

    private final LeakDetector detector = new LeakDetector(WINDOW);

    private void occupancy(long atMillis, long used) {
        detector.addOccupancy(new Occupancy("Old", used, MAX, atMillis));
    }

    /** One collection and one interval's allocation rate every 5 s for a minute. */
    private void steadyAllocation(double bytesPerSecond) {
        for (long t = 5_000; t <= 60_000; t += 5_000) {
            detector.addAllocationRate(t, bytesPerSecond);
        }
    }

    @Test
    void steadyGrowthAtASteadyAllocationRateIsALeak() {
        for (long t = 0; t <= 60_000; t += 5_000) {
            occupancy(t, 50 * MB + t / 1000 * MB + (t % 10_000 == 0 ? 0 : MB / 2)); // 1 MB/s with a little noise
        }
        steadyAllocation(100 * MB);

        Optional<LeakDetector.Growth> growth = detector.evaluate(60_000);

        assertThat(growth).isPresent();
        assertThat(growth.get().slopeBytesPerSecond()).isCloseTo(MB, within(0.05 * MB));
        // 256 MB - 110 MB left at 1 MB/s
        assertThat(growth.get().secondsToExhaustion()).isCloseTo(146, within(8.0));
        assertThat(growth.get().samples()).isEqualTo(13);
    }

    @Test
    void aSawtoothOfAHealthyHeapIsNot() {
        // promotion fills the old generation, a mixed or full collection empties it, over and over
        for (long t = 0; t <= 60_000; t += 2_000) {
            occupancy(t, 40 * MB + (t % 20_000) / 1000 * 2 * MB);
        }
        steadyAllocation(100 * MB);

        assertThat(detector.evaluate(60_000)).isEmpty();
    }

    @Test
    void growthWhileAllocationRisesIsMoreLoadNotALeak() {
        for (long t = 0; t <= 60_000; t += 5_000) {
            occupancy(t, 50 * MB + t / 1000 * MB);
            detector.addAllocationRate(t, (10 + t / 1000 * 5) * MB); // 10 MB/s to 310 MB/s
        }

        assertThat(detector.evaluate(60_000)).isEmpty();
    }

    @Test
    void aStepUpFollowedByAPlateauIsNoLeak() {
        // a warm-up: occupancy climbs for 25 s, then stays
        for (long t = 0; t <= 60_000; t += 2_500) {
            occupancy(t, 50 * MB + Math.min(t, 25_000) / 1000 * 2 * MB);
        }
        steadyAllocation(100 * MB);

        assertThat(detector.evaluate(60_000)).isEmpty();
    }

    @Test
    void aTinySteadyRiseIsNoLeak() {
        // 2 MB in a minute, under 1% of the 256 MB maximum
        for (long t = 0; t <= 60_000; t += 5_000) {
            occupancy(t, 50 * MB + t * 2 * MB / 60_000);
        }
        steadyAllocation(100 * MB);

        assertThat(detector.evaluate(60_000)).isEmpty();
    }

    @Test
    void tooFewCollectionsOrTooShortASpanTellNothing() {
        for (long t = 30_000; t <= 60_000; t += 1000) {
            occupancy(t, 50 * MB + (t - 30_000) * MB / 1000); // steep, but only in the later half of the window
        }
        steadyAllocation(100 * MB);
        assertThat(detector.evaluate(60_000)).isEmpty();

        LeakDetector few = new LeakDetector(WINDOW);
        for (long t = 0; t <= 60_000; t += 20_000) {
            few.addOccupancy(new Occupancy("Old", 50 * MB + t * MB, MAX, t));
        }
        assertThat(few.evaluate(60_000)).isEmpty();
    }

    @Test
    void samplesOlderThanTheWindowAreForgotten() {
        for (long t = 0; t <= 60_000; t += 5_000) {
            occupancy(t, 50 * MB + t / 1000 * MB);
        }
        steadyAllocation(100 * MB);
        assertThat(detector.evaluate(60_000)).isPresent();
        for (long t = 65_000; t <= 130_000; t += 5_000) {
            occupancy(t, 110 * MB);
            detector.addAllocationRate(t, 100 * MB);
        }

        assertThat(detector.evaluate(130_000)).isEmpty();
        assertThat(detector.stoppedGrowing()).isTrue();
    }
}
