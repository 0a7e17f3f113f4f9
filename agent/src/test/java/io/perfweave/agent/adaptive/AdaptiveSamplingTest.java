package io.perfweave.agent.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.config.AdaptiveSettings;
import io.perfweave.agent.config.BudgetLimits;
import io.perfweave.agent.config.MethodPattern;
import io.perfweave.agent.config.ProbePriority;
import io.perfweave.agent.config.ProbeSpec;
import io.perfweave.agent.jvm.PressureLevel;
import io.perfweave.agent.probe.SamplePeriods;
import io.perfweave.agent.weave.ProbeTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptiveSamplingTest {

    private static final AdaptiveSettings ON = new AdaptiveSettings(true, 4, 16, 16, 64);

    private static ProbeSpec probe(int id, ProbePriority priority, int samplePeriod) {
        return new ProbeSpec(id, "p" + id, MethodPattern.parse("com.acme.P" + id + "#run"), false, samplePeriod,
                BudgetLimits.NONE, priority);
    }

    private static final ProbeSpec HIGH = probe(0, ProbePriority.HIGH, 1);
    private static final ProbeSpec NORMAL = probe(1, ProbePriority.NORMAL, 1);
    private static final ProbeSpec LOW = probe(2, ProbePriority.LOW, 1);
    /** Its own rate, 1/32, is lower than normal's at orange: it keeps it. */
    private static final ProbeSpec NORMAL_OWN_32 = probe(3, ProbePriority.NORMAL, 32);
    private static final ProbeSpec LOW_OWN_32 = probe(4, ProbePriority.LOW, 32);

    private static int[] periods() {
        return new int[] {SamplePeriods.period(0), SamplePeriods.period(1), SamplePeriods.period(2),
                SamplePeriods.period(3), SamplePeriods.period(4)};
    }

    @Test
    void eachLevelGivesEachPriorityItsPeriodAndAProbesOwnRateIsAFloor() {
        AdaptiveSampling adaptive = new AdaptiveSampling(ON);
        for (PressureLevel level : List.of(PressureLevel.GREEN, PressureLevel.YELLOW)) {
            assertThat(adaptive.periodOf(NORMAL, level)).isEqualTo(1);
            assertThat(adaptive.periodOf(LOW, level)).isEqualTo(1);
            assertThat(adaptive.periodOf(NORMAL_OWN_32, level)).isEqualTo(32);
        }
        assertThat(adaptive.periodOf(NORMAL, PressureLevel.ORANGE)).isEqualTo(4);
        assertThat(adaptive.periodOf(LOW, PressureLevel.ORANGE)).isEqualTo(16);
        assertThat(adaptive.periodOf(NORMAL_OWN_32, PressureLevel.ORANGE)).isEqualTo(32);
        assertThat(adaptive.periodOf(LOW_OWN_32, PressureLevel.ORANGE)).isEqualTo(32);
        for (PressureLevel level : List.of(PressureLevel.RED, PressureLevel.CRITICAL)) {
            assertThat(adaptive.periodOf(NORMAL, level)).isEqualTo(16);
            assertThat(adaptive.periodOf(LOW, level)).isEqualTo(64);
            assertThat(adaptive.periodOf(NORMAL_OWN_32, level)).isEqualTo(32);
            assertThat(adaptive.periodOf(LOW_OWN_32, level)).isEqualTo(64);
        }
        assertThat(adaptive.periodOf(HIGH, PressureLevel.CRITICAL)).isEqualTo(1);
    }

    @Test
    void onlyNormalAndLowProbesAdaptAndOnlyWhenEnabled() {
        AdaptiveSampling adaptive = new AdaptiveSampling(ON);
        assertThat(adaptive.adapts(HIGH)).isFalse();
        assertThat(adaptive.adapts(NORMAL)).isTrue();
        assertThat(adaptive.adapts(LOW)).isTrue();
        assertThat(new AdaptiveSampling(AdaptiveSettings.DEFAULT).adapts(NORMAL)).as("adaptive = false").isFalse();
    }

    @Test
    void pressureLowersTheRatesOfTheTablesAdaptingProbesAndClearingRestoresTheirOwn() {
        AdaptiveSampling adaptive = new AdaptiveSampling(ON);
        new ProbeTable(List.of(HIGH, NORMAL, LOW, NORMAL_OWN_32, LOW_OWN_32), adaptive);
        assertThat(periods()).containsExactly(1, 1, 1, 32, 32);

        adaptive.pressureChanged(PressureLevel.GREEN, PressureLevel.YELLOW, 0.65);
        assertThat(periods()).as("yellow").containsExactly(1, 1, 1, 32, 32);
        adaptive.pressureChanged(PressureLevel.YELLOW, PressureLevel.ORANGE, 0.8);
        assertThat(periods()).as("orange").containsExactly(1, 4, 16, 32, 32);
        adaptive.pressureChanged(PressureLevel.ORANGE, PressureLevel.CRITICAL, 0.97);
        assertThat(periods()).as("critical counts as red").containsExactly(1, 16, 64, 32, 64);
        adaptive.pressureChanged(PressureLevel.CRITICAL, PressureLevel.ORANGE, 0.8);
        assertThat(periods()).as("back to orange").containsExactly(1, 4, 16, 32, 32);
        adaptive.pressureChanged(PressureLevel.ORANGE, PressureLevel.YELLOW, 0.6);
        assertThat(periods()).as("restored").containsExactly(1, 1, 1, 32, 32);
    }

    @Test
    void aProbeIssuedUnderPressureStartsAtThatPressuresRateAndARetiredOneIsLeftAlone() {
        AdaptiveSampling adaptive = new AdaptiveSampling(ON);
        ProbeTable table = new ProbeTable(List.of(probe(0, ProbePriority.NORMAL, 1)), adaptive);
        adaptive.pressureChanged(PressureLevel.GREEN, PressureLevel.RED, 0.9);
        assertThat(SamplePeriods.period(0)).isEqualTo(16);

        // A reload replaces the probe by a low-priority one: a fresh id, at red's low rate at once.
        ProbeTable.Changes changes = table.reconfigure(List.of(probe(0, ProbePriority.LOW, 1)));
        assertThat(changes.changed()).containsExactly("p0");
        ProbeSpec reissued = table.configured().get(0);
        assertThat(reissued.id()).isEqualTo(1);
        assertThat(SamplePeriods.period(1)).isEqualTo(64);

        adaptive.pressureChanged(PressureLevel.RED, PressureLevel.GREEN, 0.2);
        assertThat(SamplePeriods.period(1)).isEqualTo(1);
        assertThat(SamplePeriods.period(0)).as("the retired probe's entry is not touched").isEqualTo(16);
    }

    @Test
    void aNewRunStartsWithEveryProbeTimingEveryCall() {
        AdaptiveSampling first = new AdaptiveSampling(ON);
        new ProbeTable(List.of(HIGH, NORMAL, LOW), first);
        first.pressureChanged(PressureLevel.GREEN, PressureLevel.RED, 0.9);
        assertThat(SamplePeriods.period(2)).isEqualTo(64);

        // A detach and a new attach: the ids start again from 0.
        new ProbeTable(List.of(HIGH, NORMAL, LOW), new AdaptiveSampling(ON));
        assertThat(periods()).startsWith(1, 1, 1);
    }
}
