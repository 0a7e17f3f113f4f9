package io.perfweave.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A probe with {@code sample = 1/N}, driven through {@link Probes} as the sampled advice drives it:
 * every call is counted with its outcome, about one in N is timed and recorded, and nothing is
 * counted twice across ring growth. Ids are used by no other test.
 */
class SampledProbeTest {

    private static final int SAMPLED = 3900;
    private static final int OTHER_SAMPLED = 3901;
    private static final int HIGH_ID = 4090;

    /** What a test's thread left: timed records and untimed counts of this test's probes, by probe id and outcome. */
    private static final class Outcome {
        final long[][] timed = new long[ProbeRings.MAX_PROBES][2];
        final long[][] untimed = new long[ProbeRings.MAX_PROBES][2];
        final List<Integer> parents = new ArrayList<>();
        /** Drop counts when the test's thread started: the counters are global and cumulative. */
        final long[][] droppedAtStart = new long[ProbeRings.MAX_PROBES][2];

        Outcome() {
            for (int id : new int[] {SAMPLED, OTHER_SAMPLED, HIGH_ID}) {
                for (int result = 0; result < 2; result++) {
                    droppedAtStart[id][result] = ProbeRings.dropped(id, result);
                }
            }
        }

        /** Timed, untimed and (timed but) dropped calls: every call. */
        long calls(int probeId, int outcome) {
            return timed[probeId][outcome] + untimed[probeId][outcome]
                    + ProbeRings.dropped(probeId, outcome) - droppedAtStart[probeId][outcome];
        }
    }

    /** Ends a call the way {@code SampledTimingAdvice} does. */
    private static void call(int probeId, int period, Throwable thrown) {
        boolean timed = Probes.enterSampled(probeId, period);
        long start = timed ? System.nanoTime() : 0L;
        if (timed) {
            Probes.exit(probeId, start, thrown);
        } else {
            Probes.exitUntimed(probeId, thrown);
        }
    }

    private static Outcome runOnNewThread(Runnable calls) throws InterruptedException {
        takeEverything(new Outcome()); // forget rings of earlier tests
        Outcome outcome = new Outcome(); // before the calls: it takes the counts of earlier tests as its zero
        FreshThread.run("sampled-probe-test", calls::run);
        return takeEverything(outcome);
    }

    private static Outcome takeEverything(Outcome outcome) {
        for (ProbeRing ring = ProbeRings.takeNewRings(); ring != null; ring = ProbeRings.nextOf(ring)) {
            ring.drain(record -> {
                outcome.timed[record.probeId()][record.outcome()]++;
                if (record.probeId() == OTHER_SAMPLED) {
                    outcome.parents.add(record.parentProbeId());
                }
            });
            ring.takeUntimed((probeId, result, calls) -> outcome.untimed[probeId][result] += calls);
        }
        return outcome;
    }

    @Test
    void everyCallIsCountedWithItsOutcomeAndAboutOneInNIsTimed() throws InterruptedException {
        IllegalStateException failure = new IllegalStateException("expected in this test");
        int calls = 160_000;
        Outcome outcome = runOnNewThread(() -> {
            for (int i = 0; i < calls; i++) {
                call(SAMPLED, 16, i % 10 == 0 ? failure : null);
            }
        });

        assertThat(outcome.calls(SAMPLED, ProbeRing.OUTCOME_RETURNED)).isEqualTo(calls - calls / 10);
        assertThat(outcome.calls(SAMPLED, ProbeRing.OUTCOME_THREW)).isEqualTo(calls / 10);
        long timed = outcome.timed[SAMPLED][0] + outcome.timed[SAMPLED][1];
        // 10,000 expected; the gaps are random with mean 16, so the count is within a few percent.
        assertThat(timed).isBetween(9_000L, 11_000L);
        assertThat(outcome.untimed[SAMPLED][0]).isPositive();
    }

    @Test
    void aPeriodOfOneTimesEveryCall() throws InterruptedException {
        Outcome outcome = runOnNewThread(() -> {
            for (int i = 0; i < 1000; i++) {
                call(SAMPLED, 1, null);
            }
        });
        assertThat(outcome.timed[SAMPLED][0]).isEqualTo(1000);
        assertThat(outcome.untimed[SAMPLED][0]).isZero();
    }

    @Test
    void twoSampledProbesCalledInTurnAreEachTimedAboutOneInN() throws InterruptedException {
        // With one shared counter, probes called alternately with an even N would be timed always or never.
        Outcome outcome = runOnNewThread(() -> {
            for (int i = 0; i < 64_000; i++) {
                call(SAMPLED, 2, null);
                call(OTHER_SAMPLED, 2, null);
            }
        });
        assertThat(outcome.calls(SAMPLED, 0)).isEqualTo(64_000);
        assertThat(outcome.calls(OTHER_SAMPLED, 0)).isEqualTo(64_000);
        long timedSampled = outcome.calls(SAMPLED, 0) - outcome.untimed[SAMPLED][0];
        long timedOther = outcome.calls(OTHER_SAMPLED, 0) - outcome.untimed[OTHER_SAMPLED][0];
        assertThat(timedSampled).isBetween(29_000L, 35_000L);
        assertThat(timedOther).isBetween(29_000L, 35_000L);
    }

    @Test
    void untimedCallsAreNotOnTheStackSoATimedCalleeNamesTheTimedCaller() throws InterruptedException {
        Outcome outcome = runOnNewThread(() -> {
            for (int i = 0; i < 2000; i++) {
                boolean timed = Probes.enterSampled(SAMPLED, 4);
                long start = timed ? System.nanoTime() : 0L;
                call(OTHER_SAMPLED, 1, null);
                if (timed) {
                    Probes.exit(SAMPLED, start, null);
                } else {
                    Probes.exitUntimed(SAMPLED, null);
                }
            }
        });
        assertThat(outcome.calls(SAMPLED, 0)).isEqualTo(2000);
        long underSampled = outcome.parents.stream().filter(p -> p == SAMPLED).count();
        assertThat(underSampled).isEqualTo(outcome.timed[SAMPLED][0]);
        assertThat(outcome.parents).containsOnly(SAMPLED, ProbeRing.NO_PARENT).hasSize(2000);
    }

    @Test
    void countsSurviveRingGrowthAndHighProbeIdsWithoutDoubleCounting() throws InterruptedException {
        int calls = 300_000; // fills and grows the thread's ring several times with the timed records
        Outcome outcome = runOnNewThread(() -> {
            for (int i = 0; i < calls; i++) {
                call(SAMPLED, 3, null);
                call(HIGH_ID, 5, null);
            }
        });
        assertThat(outcome.calls(SAMPLED, 0)).isEqualTo(calls);
        assertThat(outcome.calls(HIGH_ID, 0)).isEqualTo(calls);
    }
}
