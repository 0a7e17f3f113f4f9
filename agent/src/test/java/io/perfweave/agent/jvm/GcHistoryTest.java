package io.perfweave.agent.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GcHistoryTest {

    private static final long T = 1_700_000_000_000L;

    private final GcHistory history = new GcHistory();

    private static GcEvent pause(String collector, long start, long millis) {
        return new GcEvent(collector, "end of minor GC", "test", GcKind.PAUSE, start, millis, null);
    }

    private JvmContext context(long from, long to) {
        return history.contextOf(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to));
    }

    @Test
    void countsThePausesThatOverlapTheWindow() {
        history.add(pause("Young", T + 100, 10));   // before the window
        history.add(pause("Young", T + 995, 10));   // overlaps its start
        history.add(pause("Old", T + 1_500, 40));
        history.add(new GcEvent("ZGC Cycles", "end of GC cycle", "test", GcKind.CYCLE, T + 1_200, 300, null));
        history.add(pause("Young", T + 2_001, 5));  // after it

        JvmContext context = context(T + 1_000, T + 2_000);

        assertThat(context.pauses()).isEqualTo(2);
        assertThat(context.pauseMillis()).isEqualTo(50);
        assertThat(context.longestPauseMillis()).isEqualTo(40);
        assertThat(context.longestPauseCollector()).isEqualTo("Old");
        assertThat(context.cycles()).isEqualTo(1);
        assertThat(context.pauseShare()).isEqualTo(0.05);
        assertThat(context.complete()).isTrue();
        assertThat(context.describe()).isEqualTo("2 GC pauses, 50 ms (5.0% of the window), longest 40 ms (Old),"
                + " 1 concurrent GC cycle; memory pressure green");
    }

    @Test
    void thePressureOfAWindowIsTheHighestLevelDuringIt() {
        history.pressureChanged(T + 500, PressureLevel.YELLOW);
        history.pressureChanged(T + 1_500, PressureLevel.RED);
        history.pressureChanged(T + 1_800, PressureLevel.YELLOW);

        assertThat(context(T, T + 400).highestPressure()).isEqualTo(PressureLevel.GREEN);
        assertThat(context(T + 600, T + 1_000).highestPressure()).isEqualTo(PressureLevel.YELLOW);
        assertThat(context(T + 1_000, T + 2_000).highestPressure()).isEqualTo(PressureLevel.RED);
        assertThat(context(T + 1_900, T + 3_000).highestPressure()).isEqualTo(PressureLevel.YELLOW);
        assertThat(context(T, T + 400).describe()).isEqualTo("no GC pause; memory pressure green");
    }

    @Test
    void aWindowReachingBeforeTheKeptCollectionsIsIncomplete() {
        for (int i = 0; i <= GcHistory.MAX_EVENTS; i++) {
            history.add(pause("Young", T + i * 10L, 1));
        }

        assertThat(context(T, T + 100).complete()).isFalse();
        assertThat(context(T + 20_000, T + 30_000).complete()).isTrue();
        assertThat(context(T, T + 100).describe()).endsWith("(GC history incomplete for this window)");
    }
}
