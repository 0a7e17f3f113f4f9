package io.perfweave.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A probe whose period is read at run time, driven through {@link Probes} as the adaptive advice drives
 * it: at period 1 it times every call, at a raised period about one in N, and every call is counted
 * throughout. Ids are used by no other test.
 */
class AdaptiveProbeTest {

    private static final int ADAPTIVE = 3910;

    private long timed;
    private long untimed;

    @AfterEach
    void resetPeriod() {
        SamplePeriods.setPeriod(ADAPTIVE, 1);
    }

    /** Ends a call the way {@code AdaptiveTimingAdvice} does. */
    private static void call() {
        boolean timed = Probes.enterAdaptive(ADAPTIVE);
        long start = timed ? System.nanoTime() : 0L;
        if (timed) {
            Probes.exit(ADAPTIVE, start, null);
        } else {
            Probes.exitUntimed(ADAPTIVE, null);
        }
    }

    private void take() {
        for (ProbeRing ring = ProbeRings.takeNewRings(); ring != null; ring = ProbeRings.nextOf(ring)) {
            ring.drain(record -> {
                if (record.probeId() == ADAPTIVE) {
                    timed++;
                }
            });
            ring.takeUntimed((probeId, outcome, calls) -> {
                if (probeId == ADAPTIVE) {
                    untimed += calls;
                }
            });
        }
    }

    @Test
    void timesEveryCallAtPeriodOneAboutOneInNWhenRaisedAndEveryCallAgainAtOnceWhenRestored()
            throws InterruptedException {
        take(); // rings of earlier tests
        long droppedBefore = ProbeRings.dropped(ADAPTIVE, ProbeRing.OUTCOME_RETURNED);
        // One thread for all three phases, so that the gap left from the raised period is there when it is restored.
        FreshThread.run("adaptive-probe-test", () -> {
            for (int i = 0; i < 1000; i++) {
                call();
            }
            SamplePeriods.setPeriod(ADAPTIVE, 16);
            for (int i = 0; i < 160_000; i++) {
                call();
            }
            SamplePeriods.setPeriod(ADAPTIVE, 1);
            for (int i = 0; i < 1000; i++) {
                call();
            }
        });
        take();
        long dropped = ProbeRings.dropped(ADAPTIVE, ProbeRing.OUTCOME_RETURNED) - droppedBefore;
        assertThat(timed + untimed + dropped).as("every call counted").isEqualTo(162_000);
        // Timed: the 2000 calls at period 1 and about 10,000 of the 160,000 at 1/16.
        assertThat(timed + dropped - 2000).isBetween(9_000L, 11_000L);
        assertThat(untimed).isBetween(149_000L, 151_000L);
    }

    @Test
    void aRestoredProbeIsTimedFromItsFirstCall() throws InterruptedException {
        take();
        long droppedBefore = ProbeRings.dropped(ADAPTIVE, ProbeRing.OUTCOME_RETURNED);
        FreshThread.run("adaptive-probe-restore", () -> {
            SamplePeriods.setPeriod(ADAPTIVE, 1000);
            call(); // timed: the thread's first gap starts here
            call(); // untimed: inside a gap of up to 1998 calls
            SamplePeriods.setPeriod(ADAPTIVE, 1);
            for (int i = 0; i < 100; i++) {
                call();
            }
        });
        take();
        long dropped = ProbeRings.dropped(ADAPTIVE, ProbeRing.OUTCOME_RETURNED) - droppedBefore;
        assertThat(timed + dropped).isGreaterThanOrEqualTo(101);
        assertThat(timed + untimed + dropped).isEqualTo(102);
    }
}
