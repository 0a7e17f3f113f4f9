package io.perfweave.agent.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GcNotificationsTest {

    private static final long START = 1_700_000_000_000L;
    private static final MemoryUsage OLD = new MemoryUsage(0, 30L << 20, 40L << 20, 100L << 20);
    private static final MemoryUsage YOUNG = new MemoryUsage(0, 0, 20L << 20, -1);

    @Test
    void aStopTheWorldCollectionIsAPauseAndSaysWhatSurvived() {
        GcEvent event = GcNotifications.event("G1 Young Generation", "end of minor GC", "G1 Evacuation Pause", START,
                2_000, 7, Map.of("G1 Old Gen", OLD, "G1 Eden Space", YOUNG), "G1 Old Gen");

        assertThat(event.kind()).isEqualTo(GcKind.PAUSE);
        assertThat(event.startEpochMillis()).isEqualTo(START + 2_000);
        assertThat(event.endEpochMillis()).isEqualTo(START + 2_007);
        assertThat(event.oldGenAfter()).isEqualTo(new Occupancy("G1 Old Gen", 30L << 20, 100L << 20, START + 2_007));
        assertThat(event.oldGenAfter().fraction()).isEqualTo(0.3);
        assertThat(GcNotifications.event("MarkSweepCompact", "end of major GC", "System.gc()", START, 0, 40,
                Map.of("Tenured Gen", OLD), "Tenured Gen").kind()).isEqualTo(GcKind.PAUSE);
    }

    @Test
    void concurrentCollectorsTellTheirPausesFromTheirCycles() {
        Map<String, MemoryUsage> after = Map.of("ZHeap", OLD);
        GcEvent pause = GcNotifications.event("ZGC Pauses", "end of GC pause", "Warmup", START, 10, 0, after, "ZHeap");
        GcEvent cycle = GcNotifications.event("ZGC Cycles", "end of GC cycle", "Warmup", START, 10, 35, after, "ZHeap");
        GcEvent remark = GcNotifications.event("G1 Concurrent GC", "end of concurrent GC pause", "No GC", START, 10, 1,
                Map.of("G1 Old Gen", OLD), "G1 Old Gen");

        assertThat(pause.kind()).isEqualTo(GcKind.PAUSE);
        assertThat(pause.oldGenAfter()).as("a pause of a concurrent collector frees nothing by itself").isNull();
        assertThat(cycle.kind()).isEqualTo(GcKind.CYCLE);
        assertThat(cycle.oldGenAfter().usedBytes()).isEqualTo(30L << 20);
        assertThat(remark.kind()).as("G1's remark and cleanup stop the application").isEqualTo(GcKind.PAUSE);
        assertThat(remark.oldGenAfter()).isNull();
    }

    @Test
    void aPoolWithoutAMaximumIsMeasuredAgainstWhatIsCommitted() {
        GcEvent event = GcNotifications.event("Copy", "end of minor GC", "Allocation Failure", START, 0, 1,
                Map.of("Tenured Gen", new MemoryUsage(0, 10, 40, -1)), "Tenured Gen");

        assertThat(event.oldGenAfter().maxBytes()).isEqualTo(40);
    }

    @Test
    void theOldGenerationIsTheOldOrTenuredPoolOrTheOnlyOne() {
        assertThat(GcNotifications.oldGenPool(List.of("G1 Eden Space", "G1 Survivor Space", "G1 Old Gen"))).hasValue("G1 Old Gen");
        assertThat(GcNotifications.oldGenPool(List.of("Eden Space", "Survivor Space", "Tenured Gen"))).hasValue("Tenured Gen");
        assertThat(GcNotifications.oldGenPool(List.of("ZGC Young Generation", "ZGC Old Generation")))
                .hasValue("ZGC Old Generation");
        assertThat(GcNotifications.oldGenPool(List.of("ZHeap"))).hasValue("ZHeap");
        assertThat(GcNotifications.oldGenPool(List.of("Eden", "Survivor"))).isEmpty();
    }

    @Test
    void hearsTheCollectionsOfThisJvm() {
        List<GcEvent> events = new ArrayList<>();
        try (GcNotifications notifications = GcNotifications.listen()) {
            assertThat(notifications.oldGenPool()).isPresent();
            System.gc();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (GcEvent e = notifications.poll(); e != null; e = notifications.poll()) {
                    events.add(e);
                }
                return events.stream().anyMatch(e -> e.oldGenAfter() != null && e.cause().equals("System.gc()"));
            });
            assertThat(notifications.lost()).isZero();
        }
        GcEvent full = events.stream().filter(e -> e.cause().equals("System.gc()")).findFirst().orElseThrow();
        assertThat(full.kind()).isEqualTo(GcKind.PAUSE);
        assertThat(full.oldGenAfter().maxBytes()).isPositive();
        assertThat(full.startEpochMillis()).isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
    }
}
