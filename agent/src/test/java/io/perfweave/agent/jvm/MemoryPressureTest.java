package io.perfweave.agent.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryPressureTest {

    private final MemoryPressure pressure = new MemoryPressure(PressureThresholds.DEFAULT);
    private final List<String> changes = new ArrayList<>();

    {
        pressure.addListener((from, to, occupancy) -> changes.add(from.label() + ">" + to.label()));
    }

    @Test
    void levelsStartAtTheirThresholds() {
        PressureThresholds t = PressureThresholds.DEFAULT;
        assertThat(t.levelOf(0.0)).isEqualTo(PressureLevel.GREEN);
        assertThat(t.levelOf(0.599)).isEqualTo(PressureLevel.GREEN);
        assertThat(t.levelOf(0.60)).isEqualTo(PressureLevel.YELLOW);
        assertThat(t.levelOf(0.749)).isEqualTo(PressureLevel.YELLOW);
        assertThat(t.levelOf(0.75)).isEqualTo(PressureLevel.ORANGE);
        assertThat(t.levelOf(0.85)).isEqualTo(PressureLevel.RED);
        assertThat(t.levelOf(0.949)).isEqualTo(PressureLevel.RED);
        assertThat(t.levelOf(0.95)).isEqualTo(PressureLevel.CRITICAL);
        assertThat(t.levelOf(1.0)).isEqualTo(PressureLevel.CRITICAL);
    }

    @Test
    void risesAtOnceAndSkipsLevels() {
        pressure.update(0.5);
        pressure.update(0.9);

        assertThat(pressure.level()).isEqualTo(PressureLevel.RED);
        assertThat(changes).containsExactly("green>red");
    }

    @Test
    void fallsOnlyOnceOccupancyIsTheHysteresisBelowTheThreshold() {
        pressure.update(0.76);
        pressure.update(0.72); // below orange (75%), but not 5 points below
        pressure.update(0.705);
        assertThat(pressure.level()).isEqualTo(PressureLevel.ORANGE);

        pressure.update(0.699);
        assertThat(pressure.level()).isEqualTo(PressureLevel.YELLOW);
        pressure.update(0.20);
        assertThat(pressure.level()).isEqualTo(PressureLevel.GREEN);
        assertThat(changes).containsExactly("green>orange", "orange>yellow", "yellow>green");
        assertThat(pressure.highest()).isEqualTo(PressureLevel.ORANGE);
    }

    @Test
    void hoveringAtAThresholdChangesTheLevelOnce() {
        for (int i = 0; i < 20; i++) {
            pressure.update(i % 2 == 0 ? 0.601 : 0.599);
        }
        assertThat(changes).containsExactly("green>yellow");
    }

    @Test
    void aFailingListenerDoesNotKeepTheOthersFromHearing() {
        List<PressureLevel> heard = new ArrayList<>();
        MemoryPressure p = new MemoryPressure(PressureThresholds.DEFAULT);
        p.addListener((from, to, occupancy) -> {
            throw new IllegalStateException("broken listener");
        });
        p.addListener((from, to, occupancy) -> heard.add(to));

        p.update(0.99);

        assertThat(heard).containsExactly(PressureLevel.CRITICAL);
    }

    @Test
    void thresholdsMustIncrease() {
        assertThatThrownBy(() -> new PressureThresholds(0.7, 0.6, 0.85, 0.95, 0.05))
                .hasMessageContaining("must increase from yellow to critical");
        assertThatThrownBy(() -> new PressureThresholds(0.6, 0.75, 0.85, 0.95, 0.6))
                .hasMessageContaining("pressure.hysteresis");
    }
}
