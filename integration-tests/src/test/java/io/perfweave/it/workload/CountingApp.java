package io.perfweave.it.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The child JVM of most integration tests. It calls the workload methods a known number of times on
 * several threads and prints its own exact counts as {@code it: <what>=<n>}, so tests can compare
 * them with the agent's report. Arguments: threads, calls per thread.
 */
public final class CountingApp {

    private static final LongAdder ADD_INT = new LongAdder();
    private static final LongAdder ADD_LONG = new LongAdder();
    private static final LongAdder MULTIPLY = new LongAdder();
    private static final LongAdder HASH = new LongAdder();
    private static final LongAdder WIDGETS = new LongAdder();
    private static final LongAdder FLAKY = new LongAdder();
    private static final LongAdder FLAKY_FAILURES = new LongAdder();
    private static volatile long sink;

    private CountingApp() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int callsPerThread = Integer.parseInt(args[1]);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> work(callsPerThread), "counting-worker-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        SpinMeasurement spins = SpinMeasurement.run(new BusyWorker(), 2_000_000, 40);

        System.out.println("it: add-int=" + ADD_INT.sum());
        System.out.println("it: add-long=" + ADD_LONG.sum());
        System.out.println("it: multiply=" + MULTIPLY.sum());
        System.out.println("it: hash=" + HASH.sum());
        System.out.println("it: widgets=" + WIDGETS.sum());
        System.out.println("it: flaky=" + FLAKY.sum());
        System.out.println("it: flaky-failures=" + FLAKY_FAILURES.sum());
        spins.print();
        System.out.println("it: done " + (sink & 1));
    }

    private static void work(int calls) {
        Calculator calculator = new Calculator();
        Flaky flaky = new Flaky();
        long local = 0;
        for (int i = 0; i < calls; i++) {
            local += calculator.add(i, 1);
            ADD_INT.increment();
            if (i % 2 == 0) {
                local += calculator.add((long) i, 2L);
                ADD_LONG.increment();
            }
            if (i % 3 == 0) {
                local += calculator.multiply(i, 3);
                MULTIPLY.increment();
            }
            if (i % 5 == 0) {
                local += Calculator.hash("k" + (i & 15));
                HASH.increment();
            }
            if (i % 10 == 0) {
                local += new Widget(i).size();
                WIDGETS.increment();
            }
            FLAKY.increment();
            try {
                local += flaky.maybeFail(i);
            } catch (IllegalStateException expected) {
                FLAKY_FAILURES.increment();
            }
        }
        sink += local;
    }
}
