package io.perfweave.agent.jvm;

import io.perfweave.agent.overhead.AgentCost;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Known JVM health and agent cost figures, for the tests of the outputs. */
public final class JvmHealthSamples {

    public static final long MB = 1024 * 1024;
    /** 2024-05-01T10:04:00Z */
    public static final long GC_END = 1_714_557_840_000L;

    private JvmHealthSamples() {
    }

    /** Two collectors: G1's young pauses (3 in the interval, 5 in all: 2, 4, 6, 8, 30 ms) and ZGC-like cycles. */
    public static JvmHealth health() {
        Histogram young = new Histogram(2);
        Histogram youngTotal = new Histogram(2);
        for (long ms : new long[] {2, 4, 6, 8, 30}) {
            youngTotal.recordValue(ms * 1_000_000);
        }
        for (long ms : new long[] {6, 8, 30}) {
            young.recordValue(ms * 1_000_000);
        }
        Histogram cycles = new Histogram(2);
        cycles.recordValue(120_000_000);
        List<CollectorActivity> collectors = List.of(
                new CollectorActivity("G1 Young Generation", GcKind.PAUSE, 3, 5, 44, 50, 30, 30, young, youngTotal),
                new CollectorActivity("Concurrent Cycles", GcKind.CYCLE, 1, 1, 120, 120, 120, 120, cycles, cycles.copy()));
        return new JvmHealth(100 * MB, 128 * MB, 256 * MB, new Occupancy("G1 Old Gen", 192 * MB, 256 * MB, GC_END),
                collectors, 300 * MB, 3_000 * MB, 30 * MB, 21, 25, 500_000_000, 40_000_000_000L, 0.25, 2,
                PressureLevel.YELLOW, PressureLevel.ORANGE,
                new LeakHint(1.5 * MB, 42.7, 192 * MB, 256 * MB, 12, GC_END), true);
    }

    /** 120 ms of reporter CPU and 1,000,000 calls of 50 ns in 40 s of process CPU: 0.425%. */
    public static AgentCost cost() {
        return new AgentCost(50, 3_000_000, 120_000_000, 20_000, 1_000_000, 1_000_000, 50_000_000, 500_000_000,
                40_000_000_000L, 393_216, 0.01, false);
    }
}
