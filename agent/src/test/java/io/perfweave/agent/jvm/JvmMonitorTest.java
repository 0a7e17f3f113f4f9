package io.perfweave.agent.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JvmMonitorTest {

    private final AtomicLong allocated = new AtomicLong(1_000);
    private final AtomicLong cpu = new AtomicLong(5_000_000);
    private final JvmCounters counters = new JvmCounters() {
        @Override
        public long allocatedBytes() {
            return allocated.get();
        }

        @Override
        public long processCpuNanos() {
            return cpu.get();
        }

        @Override
        public int processors() {
            return 2;
        }
    };
    private final JvmMonitor monitor = new JvmMonitor(GcNotifications.listen(), counters, PressureThresholds.DEFAULT,
            60_000, 2);

    @AfterEach
    void close() {
        monitor.close();
    }

    @Test
    void turnsTheJvmsCountersIntoIntervalFiguresAndTotals() {
        allocated.addAndGet(4_000);
        cpu.addAndGet(1_000_000);
        JvmHealth first = monitor.sample(Instant.now());
        allocated.addAndGet(6_000);
        JvmHealth second = monitor.sample(Instant.now());

        assertThat(first.allocatedBytes()).isEqualTo(4_000);
        assertThat(first.processCpuNanos()).isEqualTo(1_000_000);
        assertThat(second.allocatedBytes()).isEqualTo(6_000);
        assertThat(second.allocatedBytesTotal()).isEqualTo(10_000);
        assertThat(second.processCpuNanos()).isZero();
        assertThat(second.processCpuNanosTotal()).isEqualTo(1_000_000);
        assertThat(second.allocationBytesPerSecond()).isPositive();
        assertThat(second.processors()).isEqualTo(2);
        assertThat(second.heapUsedBytes()).isPositive();
        assertThat(second.liveThreads()).isPositive();
        assertThat(second.peakThreads()).isGreaterThanOrEqualTo(second.liveThreads());
    }

    @Test
    void anUnknownCounterStaysUnknown() {
        allocated.set(-1);
        JvmHealth health = monitor.sample(Instant.now());

        assertThat(health.allocatedBytes()).isEqualTo(-1);
        assertThat(health.allocationBytesPerSecond()).isEqualTo(-1);
    }

    @Test
    void recordsTheCollectionsOfTheIntervalPerCollector() {
        Instant before = Instant.now().minusMillis(1);
        System.gc();
        JvmHealth[] health = new JvmHealth[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            health[0] = monitor.sample(Instant.now());
            if (health[0].oldGenAfterGc() != null) {
                return true;
            }
            monitor.startNextInterval();
            return false;
        });

        assertThat(health[0].collectors()).isNotEmpty();
        CollectorActivity collector = health[0].collectors().stream().filter(c -> c.intervalCount() > 0).findFirst()
                .orElseThrow();
        assertThat(collector.intervalHistogram().getTotalCount()).isEqualTo(collector.intervalCount());
        assertThat(collector.totalMillis()).isGreaterThanOrEqualTo(collector.intervalMillis());
        assertThat(collector.totalCount()).isGreaterThanOrEqualTo(collector.intervalCount());
        assertThat(health[0].oldGenAfterGc().fraction()).isBetween(0.0, 1.0);
        assertThat(health[0].pressure()).isEqualTo(PressureLevel.GREEN);
        assertThat(monitor.contextOf(before, Instant.now()).pauses()).isGreaterThanOrEqualTo(1);
        assertThat(monitor.footprintBytes()).isPositive();

        monitor.startNextInterval();
        assertThat(collector.intervalHistogram().getTotalCount()).as("lent until the next interval starts").isZero();
        JvmHealth next = monitor.sample(Instant.now());
        CollectorActivity same = next.collectors().stream().filter(c -> c.name().equals(collector.name())).findFirst()
                .orElseThrow();
        assertThat(same.totalCount()).isGreaterThanOrEqualTo(collector.totalCount());
    }
}
