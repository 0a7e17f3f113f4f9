package io.perfweave.benchmarks.process;

import java.util.Arrays;

/**
 * Whole-process monitoring overhead, as MooBench measures it: calls {@link MonitoredRecursion#call}
 * with depth 10 again and again, in batches, and prints the median batch time per monitored call.
 * Run it once without a tool and once under each tool (see {@code scripts/benchmarks.sh}); the
 * difference is what the tool adds to a call.
 *
 * <p>Arguments: total outer calls (each makes 10 monitored calls), batches. The first half of the
 * batches warm up and are not counted.
 */
public final class RecursionBenchmark {

    static final int DEPTH = 10;
    private static volatile int sink;

    private RecursionBenchmark() {
    }

    public static void main(String[] args) {
        long calls = Long.parseLong(args[0]);
        int batches = Integer.parseInt(args[1]);
        long perBatch = Math.max(1, calls / batches);
        MonitoredRecursion monitored = new MonitoredRecursion();
        int measured = Math.max(1, batches / 2);
        double[] nanosPerCall = new double[measured];
        int result = 0;
        for (int batch = 0; batch < batches; batch++) {
            long start = System.nanoTime();
            for (long i = 0; i < perBatch; i++) {
                result += monitored.call(DEPTH);
            }
            long elapsed = System.nanoTime() - start;
            int index = batch - (batches - measured);
            if (index >= 0) {
                nanosPerCall[index] = (double) elapsed / (perBatch * DEPTH);
            }
        }
        sink = result;
        Arrays.sort(nanosPerCall);
        System.out.printf("recursion: nsPerCall=%.2f min=%.2f max=%.2f calls=%d%n", nanosPerCall[measured / 2],
                nanosPerCall[0], nanosPerCall[measured - 1], perBatch * measured * DEPTH);
    }
}
