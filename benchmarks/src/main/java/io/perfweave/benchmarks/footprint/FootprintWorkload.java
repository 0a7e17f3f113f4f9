package io.perfweave.benchmarks.footprint;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntUnaryOperator;
import javax.management.ObjectName;

/**
 * The footprint benchmark's application: worker threads call every generated method (see
 * {@link ProbedClassesGenerator}) a fixed number of rounds per second, so with the agent every probe
 * is active on every worker. It prints two figures that {@code scripts/benchmarks.sh} compares
 * between a run without the agent and runs with 10, 100 and 1,000 probes:
 *
 * <ul>
 *   <li>the <b>reporter thread's CPU time per second</b> while the workers run (median and maximum of
 *   one-second windows, read with {@link ThreadMXBean} on the thread named {@code perfweave-reporter};
 *   {@code -1} without the agent);</li>
 *   <li>the <b>heap live after a full collection</b> once the workers have stopped (they stay alive,
 *   so their rings stay too): the smallest over several {@code System.gc()} calls of the heap pools'
 *   usage right after a collection. The agent's share is this minus the same figure without it.</li>
 * </ul>
 *
 * <p>Arguments: worker threads, rounds per second per worker, warm-up seconds (counted from the moment
 * every worker has made its first round, which waits for the weaver), measured seconds,
 * and optionally a file for a class histogram of the live heap (to see what the difference is made of).
 */
public final class FootprintWorkload {

    private static final String REPORTER_THREAD = "perfweave-reporter";
    private static final int COLLECTIONS = 5;
    private static volatile boolean running = true;
    private static volatile int sink;

    private FootprintWorkload() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int roundsPerSecond = Integer.parseInt(args[1]);
        long warmUpSeconds = Long.parseLong(args[2]);
        int measuredSeconds = Integer.parseInt(args[3]);
        Path histogram = args.length > 4 ? Path.of(args[4]) : null;

        IntUnaryOperator allProbes = (IntUnaryOperator) Class.forName(ProbedClassesGenerator.ALL_PROBES)
                .getDeclaredConstructor().newInstance();
        int callsPerRound = allProbes.getClass().getField(ProbedClassesGenerator.CALLS_PER_ROUND).getInt(null);
        AtomicLongArray rounds = new AtomicLongArray(threads);
        long launched = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            int worker = i;
            Thread thread = new Thread(() -> work(allProbes, roundsPerSecond, rounds, worker), "footprint-worker-" + i);
            // Daemon: the workers stay alive (and so do their rings) until the JVM exits after main.
            thread.setDaemon(true);
            thread.start();
        }
        // The first round loads the generated classes, which wait for the agent's weaver; the warm-up
        // starts when every worker has been through it.
        for (int i = 0; i < threads; i++) {
            while (rounds.get(i) == 0) {
                pause(10_000_000L);
            }
        }
        double firstRoundSeconds = (System.nanoTime() - launched) / 1e9;
        pause(warmUpSeconds * 1_000_000_000L);

        ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        long reporter = threadId(REPORTER_THREAD);
        double[] cpuMillis = new double[measuredSeconds];
        long before = reporter < 0 ? -1 : threadBean.getThreadCpuTime(reporter);
        long roundsBefore = total(rounds);
        long windowStart = System.nanoTime();
        for (int second = 0; second < measuredSeconds; second++) {
            pause(windowStart + (second + 1) * 1_000_000_000L - System.nanoTime());
            long now = reporter < 0 ? -1 : threadBean.getThreadCpuTime(reporter);
            cpuMillis[second] = reporter < 0 ? -1 : (now - before) / 1e6;
            before = now;
        }
        double measuredWall = (System.nanoTime() - windowStart) / 1e9;
        long measuredRounds = total(rounds) - roundsBefore;
        running = false;
        // Two seconds: the reporter drains the last records and closes an interval before the heap is read.
        pause(2_000_000_000L);

        long live = liveHeapAfterCollections();
        if (histogram != null) {
            Files.writeString(histogram, classHistogram());
        }
        Arrays.sort(cpuMillis);
        System.out.printf("footprint: liveHeapBytes=%d reporterCpuMsPerSecond=%.2f max=%.2f callsPerSecond=%.0f"
                        + " firstRoundSeconds=%.2f%n", live, cpuMillis[measuredSeconds / 2], cpuMillis[measuredSeconds - 1],
                measuredRounds * callsPerRound / measuredWall, firstRoundSeconds);
    }

    private static void work(IntUnaryOperator allProbes, int roundsPerSecond, AtomicLongArray rounds, int worker) {
        long period = 1_000_000_000L / roundsPerSecond;
        long next = System.nanoTime();
        int value = worker;
        while (running) {
            value = allProbes.applyAsInt(value);
            rounds.incrementAndGet(worker);
            next += period;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                // Behind (a loaded machine): skip the missed rounds instead of running them back to back.
                next = System.nanoTime();
            }
        }
        sink = value;
        while (true) {
            LockSupport.park();
        }
    }

    private static long total(AtomicLongArray rounds) {
        long total = 0;
        for (int i = 0; i < rounds.length(); i++) {
            total += rounds.get(i);
        }
        return total;
    }

    private static long liveHeapAfterCollections() {
        long smallest = Long.MAX_VALUE;
        for (int i = 0; i < COLLECTIONS; i++) {
            System.gc();
            long used = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    used += pool.getCollectionUsage().getUsed();
                }
            }
            smallest = Math.min(smallest, used);
        }
        return smallest;
    }

    private static String classHistogram() throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
    }

    private static long threadId(String name) {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(name)) {
                return thread.getId();
            }
        }
        return -1;
    }

    private static void pause(long nanos) {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
