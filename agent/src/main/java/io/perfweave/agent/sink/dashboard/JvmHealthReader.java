package io.perfweave.agent.sink.dashboard;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@link JvmHealth} from the platform's management beans, remembering the previous reading
 * so that each one also says what happened in the interval since. Called on the reporter thread
 * only, which is also the thread whose CPU time it reports.
 */
final class JvmHealthReader {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<String, long[]> previousCollections = new HashMap<>();
    private long previousCpuNanos = -1;

    JvmHealth read(long intervalNanos) {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        List<JvmHealth.Collector> gcs = new ArrayList<>(collectors.size());
        for (GarbageCollectorMXBean collector : collectors) {
            long count = Math.max(0, collector.getCollectionCount());
            long time = Math.max(0, collector.getCollectionTime());
            long[] previous = previousCollections.getOrDefault(collector.getName(), new long[] {0, 0});
            gcs.add(new JvmHealth.Collector(collector.getName(), count, time, count - previous[0], time - previous[1]));
            previousCollections.put(collector.getName(), new long[] {count, time});
        }
        long cpu = reporterCpuNanos();
        double share = cpu < 0 || previousCpuNanos < 0 || intervalNanos <= 0
                ? -1 : (double) (cpu - previousCpuNanos) / intervalNanos;
        previousCpuNanos = cpu;
        return new JvmHealth(heap.getUsed(), heap.getCommitted(), heap.getMax(), memory.getNonHeapMemoryUsage().getUsed(),
                threads.getThreadCount(), gcs, cpu, share);
    }

    private long reporterCpuNanos() {
        try {
            return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }
}
