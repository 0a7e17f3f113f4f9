package io.perfweave.benchmarks;

import io.perfweave.agent.probe.ProbeRing;
import io.perfweave.agent.probe.ProbeRings;
import io.perfweave.agent.probe.Probes;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a probe adds to one call, measured by making exactly the calls that the woven advice makes
 * (see {@code TimingAdvice} and {@code AllocationTimingAdvice}) around a tiny method, while a
 * background thread drains the rings the way the reporter does. The floors are what no probe can
 * avoid: two clock reads, and two allocation counter reads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ProbeHotPathBenchmark {

    private static final int TIMING = 1;
    private static final int ALLOCATING = 2;
    private static final int OUTER = 3;
    private static final int SAMPLED = 4;
    /** A probe of adaptive sampling; its period in the probe runtime's table stays 1 (no memory pressure). */
    private static final int ADAPTIVE = 5;
    /** The N of the sampled probe: {@code sample = 1/16}, the example of issue 8. */
    private static final int SAMPLE_PERIOD = 16;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private volatile boolean draining;
    private Thread drainer;
    private int value = 17;

    /** Stands in for the reporter: drains every ring, so probes never find a full ring. */
    @Setup(Level.Trial)
    public void startDraining() {
        draining = true;
        drainer = new Thread(() -> {
            List<ProbeRing> rings = new ArrayList<>();
            long[] sink = new long[1];
            while (draining) {
                for (ProbeRing ring = ProbeRings.takeNewRings(); ring != null; ring = ProbeRings.nextOf(ring)) {
                    rings.add(ring);
                }
                for (ProbeRing ring : rings) {
                    ring.drain(record -> sink[0] += record.durationNanos());
                }
                LockSupport.parkNanos(1_000_000);
            }
        }, "benchmark-drainer");
        drainer.setDaemon(true);
        drainer.start();
    }

    @TearDown(Level.Trial)
    public void stopDraining() throws InterruptedException {
        draining = false;
        drainer.join();
    }

    private int work() {
        return value * 31 + 7;
    }

    @Benchmark
    public int unprobed() {
        return work();
    }

    @Benchmark
    public long clockFloor() {
        long start = System.nanoTime();
        int result = work();
        return System.nanoTime() - start + result;
    }

    @Benchmark
    public long clockAndAllocationCounterFloor() {
        long start = System.nanoTime();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        int result = work();
        return threads.getCurrentThreadAllocatedBytes() - allocated + System.nanoTime() - start + result;
    }

    @Benchmark
    public int timingProbe() {
        Probes.enter(TIMING);
        long start = System.nanoTime();
        int result = work();
        Probes.exit(TIMING, start, null);
        return result;
    }

    @Benchmark
    public int timingAndAllocationProbe() {
        Probes.enter(ALLOCATING);
        long start = System.nanoTime();
        long allocated = Probes.allocatedBytes();
        int result = work();
        Probes.exitAllocating(ALLOCATING, start, allocated, null);
        return result;
    }

    /** A probe with {@code sample = 1/16}, as {@code SampledTimingAdvice} calls it: every call counted, one in 16 timed. */
    @Benchmark
    public int sampledTimingProbe() {
        boolean timed = Probes.enterSampled(SAMPLED, SAMPLE_PERIOD);
        long start = timed ? System.nanoTime() : 0L;
        int result = work();
        if (timed) {
            Probes.exit(SAMPLED, start, null);
        } else {
            Probes.exitUntimed(SAMPLED, null);
        }
        return result;
    }

    /**
     * A normal-priority probe with {@code adaptive = true}, as {@code AdaptiveTimingAdvice} calls it, at period
     * 1 (no memory pressure): every call timed; against {@link #timingProbe}, the cost of reading the period.
     */
    @Benchmark
    public int adaptiveTimingProbe() {
        boolean timed = Probes.enterAdaptive(ADAPTIVE);
        long start = timed ? System.nanoTime() : 0L;
        int result = work();
        if (timed) {
            Probes.exit(ADAPTIVE, start, null);
        } else {
            Probes.exitUntimed(ADAPTIVE, null);
        }
        return result;
    }

    // The same on two threads at once: each thread has its own ring and stack, so the cost per call
    // should not change unless something is shared (on a 2-core machine both cores are busy).

    @Benchmark
    @Threads(2)
    public long clockFloorTwoThreads() {
        return clockFloor();
    }

    @Benchmark
    @Threads(2)
    public int timingProbeTwoThreads() {
        return timingProbe();
    }

    @Benchmark
    @Threads(2)
    public int sampledTimingProbeTwoThreads() {
        return sampledTimingProbe();
    }

    /** Two probes, one called from the other: the per-call cost of nesting. */
    @Benchmark
    public int nestedTimingProbes() {
        Probes.enter(OUTER);
        long start = System.nanoTime();
        int result = timingProbe();
        Probes.exit(OUTER, start, null);
        return result;
    }
}
