package io.perfweave.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The CPU time the reporter thread spends per interval judging 1,000 probes, measured with the
 * thread's CPU clock rather than the wall clock: on a shared, oversubscribed machine the wall clock
 * also counts the time the thread waits for a core, the CPU clock only the work. Runs the cases of
 * {@link BudgetEvaluationBenchmark} (the same probes, limits and histograms), each warmed up for
 * {@value #WARM_UP} intervals, then measured over {@value #MEASURED} intervals.
 *
 * <p>{@code java -cp benchmarks/target/perfweave-benchmarks.jar io.perfweave.benchmarks.BudgetEvaluationHarness}
 */
public final class BudgetEvaluationHarness {

    static final int WARM_UP = 300;
    static final int MEASURED = 100;

    private BudgetEvaluationHarness() {
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "%-28s %9s %9s %9s %9s%n", "case (1,000 probes)", "median ms", "p90 ms", "max ms",
                "wall ms");
        for (int window : new int[] {1, 30}) {
            for (boolean anomalies : new boolean[] {false, true}) {
                BudgetEvaluationBenchmark state = new BudgetEvaluationBenchmark();
                state.windowIntervals = window;
                state.anomalies = anomalies;
                state.setUp();
                measure("window " + window + (anomalies ? ", anomalies" : ""), threads, state::judgeOneIntervalOf1000Probes);
                if (window == 1 && !anomalies) {
                    measure("reference: summaries only", threads, state::summarizeOneIntervalOf1000Probes);
                }
            }
        }
    }

    private static void measure(String name, ThreadMXBean threads, Runnable interval) {
        for (int i = 0; i < WARM_UP; i++) {
            interval.run();
        }
        double[] cpuMillis = new double[MEASURED];
        long wallStart = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            long before = threads.getCurrentThreadCpuTime();
            interval.run();
            cpuMillis[i] = (threads.getCurrentThreadCpuTime() - before) / 1e6;
        }
        double wallMillis = (System.nanoTime() - wallStart) / 1e6 / MEASURED;
        Arrays.sort(cpuMillis);
        System.out.printf(Locale.ROOT, "%-28s %9.1f %9.1f %9.1f %9.1f%n", name, cpuMillis[MEASURED / 2],
                cpuMillis[MEASURED * 9 / 10], cpuMillis[MEASURED - 1], wallMillis);
    }
}
