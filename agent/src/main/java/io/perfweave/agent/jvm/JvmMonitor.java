package io.perfweave.agent.jvm;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the JVM's health once per reporting interval, for the report snapshot: heap, occupancy
 * after GC, GC pauses and cycles per collector, allocation rate, threads and process CPU; moves the
 * {@link MemoryPressure} level and watches for a leak, logging each change once.
 *
 * <p>The allocation figures come from {@code com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes}:
 * HotSpot's count of bytes allocated by all threads, the ones that have ended and virtual ones
 * included. (Adding up heap usage deltas and the bytes each collection freed would undercount with
 * concurrent collectors, whose "before" and "after" include what the application allocated during the
 * cycle.)
 *
 * <p>All methods but {@link #pressure()} and {@link #close()} are for the reporter thread only, which
 * owns every figure here; collections arrive through {@link GcNotifications}' queue.
 */
public final class JvmMonitor implements JvmContextSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("perfweave.jvm");

    private final GcNotifications notifications;
    private final MemoryPressure pressure;
    private final LeakDetector leaks;
    private final int significantDigits;
    private final Map<String, CollectorStatistics> collectors = new LinkedHashMap<>();
    private final GcHistory history = new GcHistory();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final JvmCounters counters;
    private Occupancy oldGenAfterGc;
    private LeakHint leakHint;
    private boolean leakHintActive;
    private long lastAllocated;
    private final long firstAllocated;
    private long lastCpu;
    private final long firstCpu;
    private long lastSampleNanos;
    private boolean warnedOfLostCollections;

    JvmMonitor(GcNotifications notifications, JvmCounters counters, PressureThresholds thresholds,
               long leakWindowMillis, int significantDigits) {
        this.notifications = notifications;
        this.counters = counters;
        this.pressure = new MemoryPressure(thresholds);
        this.leaks = new LeakDetector(leakWindowMillis);
        this.significantDigits = significantDigits;
        this.firstAllocated = counters.allocatedBytes();
        this.lastAllocated = firstAllocated;
        this.firstCpu = counters.processCpuNanos();
        this.lastCpu = firstCpu;
        this.lastSampleNanos = System.nanoTime();
        pressure.addListener(this::logPressure);
    }

    /** Starts listening to the JVM's collections. */
    public static JvmMonitor start(PressureThresholds thresholds, long leakWindowMillis, int significantDigits) {
        GcNotifications notifications = GcNotifications.listen();
        Optional<String> pool = notifications.oldGenPool();
        if (pool.isEmpty()) {
            LOG.warn("this JVM's heap has no pool that looks like an old generation; occupancy after GC, memory"
                    + " pressure and leak hints stay unmeasured");
        }
        return new JvmMonitor(notifications, JvmCounters.ofThisJvm(), thresholds, leakWindowMillis, significantDigits);
    }

    /** The memory pressure level, for listeners that act on it (any thread may add one). */
    public MemoryPressure pressure() {
        return pressure;
    }

    /** Takes the collections since the last call and the JVM's figures now, at the end of an interval. */
    public JvmHealth sample(Instant intervalEnd) {
        for (GcEvent event = notifications.poll(); event != null; event = notifications.poll()) {
            take(event);
        }
        if (!warnedOfLostCollections && notifications.lost() > 0) {
            warnedOfLostCollections = true;
            LOG.warn("{} garbage collection(s) could not be recorded (unreadable, or more than {} between two"
                    + " intervals); the GC figures miss them", notifications.lost(), GcNotifications.MAX_PENDING);
        }
        long now = System.nanoTime();
        double seconds = Math.max(1, now - lastSampleNanos) / 1e9;
        lastSampleNanos = now;

        long allocated = counters.allocatedBytes();
        long allocatedInterval = allocated < 0 ? -1 : allocated - lastAllocated;
        double allocationRate = allocatedInterval < 0 ? -1 : allocatedInterval / seconds;
        lastAllocated = allocated;
        leaks.addAllocationRate(intervalEnd.toEpochMilli(), allocationRate);
        watchForLeak(intervalEnd.toEpochMilli());

        long cpu = counters.processCpuNanos();
        long cpuInterval = cpu < 0 ? -1 : cpu - lastCpu;
        lastCpu = cpu;
        double cpuLoad = cpuInterval < 0 ? -1 : Math.min(1, cpuInterval / (seconds * 1e9 * counters.processors()));

        List<CollectorActivity> activity = new ArrayList<>(collectors.size());
        collectors.values().forEach(c -> activity.add(c.close()));
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new JvmHealth(heap.getUsed(), heap.getCommitted(), heap.getMax(), oldGenAfterGc, activity,
                allocatedInterval, allocated < 0 ? -1 : allocated - firstAllocated, allocationRate,
                threads.getThreadCount(), threads.getPeakThreadCount(), cpuInterval, cpu < 0 ? -1 : cpu - firstCpu,
                cpuLoad, counters.processors(), pressure.level(), pressure.highest(), leakHint, leakHintActive);
    }

    /** Starts the next interval's collector histograms; call once every sink has read the snapshot. */
    public void startNextInterval() {
        collectors.values().forEach(CollectorStatistics::startNextInterval);
    }

    @Override
    public JvmContext contextOf(Instant start, Instant end) {
        return history.contextOf(start, end);
    }

    /** What the monitor's histograms take on the heap. */
    public long footprintBytes() {
        return collectors.values().stream().mapToLong(CollectorStatistics::footprintBytes).sum();
    }

    private void take(GcEvent event) {
        collectors.computeIfAbsent(event.collector(), name -> new CollectorStatistics(name, event.kind(), significantDigits))
                .record(event);
        history.add(event);
        Occupancy occupancy = event.oldGenAfter();
        if (occupancy != null) {
            oldGenAfterGc = occupancy;
            leaks.addOccupancy(occupancy);
            PressureLevel before = pressure.level();
            pressure.update(occupancy.fraction());
            if (pressure.level() != before) {
                history.pressureChanged(occupancy.atEpochMillis(), pressure.level());
            }
        }
    }

    private void watchForLeak(long nowEpochMillis) {
        Optional<LeakDetector.Growth> growth = leaks.evaluate(nowEpochMillis);
        if (!leakHintActive && growth.isPresent()) {
            LeakDetector.Growth g = growth.get();
            Occupancy latest = g.latest();
            leakHint = new LeakHint(g.slopeBytesPerSecond(), g.secondsToExhaustion(), latest.usedBytes(),
                    latest.maxBytes(), g.samples(), nowEpochMillis);
            leakHintActive = true;
            LOG.warn("leak hint: the old generation's occupancy after GC grew by {}/s over the last {} collections"
                            + " while allocation stayed steady; {} full in about {} s at that rate ({} of {} used)",
                    megabytes(g.slopeBytesPerSecond()), g.samples(), latest.pool(),
                    Math.round(g.secondsToExhaustion()), megabytes(latest.usedBytes()), megabytes(latest.maxBytes()));
        } else if (leakHintActive && growth.isEmpty() && leaks.stoppedGrowing()) {
            leakHintActive = false;
            LOG.info("leak hint cleared: the old generation's occupancy after GC stopped growing");
        }
    }

    private void logPressure(PressureLevel from, PressureLevel to, double occupancy) {
        String pool = oldGenAfterGc == null ? "old generation" : oldGenAfterGc.pool();
        String text = String.format(Locale.ROOT, "%.1f%%", occupancy * 100);
        if (to.isAbove(from)) {
            LOG.warn("memory pressure raised from {} to {}: {} {} full after GC", from.label(), to.label(), pool, text);
        } else {
            LOG.info("memory pressure lowered from {} to {}: {} {} full after GC", from.label(), to.label(), pool, text);
        }
    }

    static String megabytes(double bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024 * 1024));
    }

    @Override
    public void close() {
        notifications.close();
    }
}
