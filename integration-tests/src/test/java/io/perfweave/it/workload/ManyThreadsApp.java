package io.perfweave.it.workload;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * Starts many threads at once, all released together, that each call {@link Calculator#add(int, int)}
 * and {@link Flaky#maybeFail} a known number of times, and prints the totals as {@code it: add=<n>},
 * {@code it: flaky=<n>}, {@code it: flaky-failures=<n>}. Arguments: {@code platform|virtual},
 * threads, calls per thread.
 */
public final class ManyThreadsApp {

    private static final LongAdder ADD = new LongAdder();
    private static final LongAdder FLAKY = new LongAdder();
    private static final LongAdder FAILURES = new LongAdder();
    private static volatile long sink;

    private ManyThreadsApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean virtual = args[0].equals("virtual");
        int threads = Integer.parseInt(args[1]);
        int calls = Integer.parseInt(args[2]);
        CountDownLatch start = new CountDownLatch(1);
        Thread[] started = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            Runnable task = () -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                work(calls);
            };
            started[t] = virtual ? VirtualThreads.start(task) : startPlatform(task);
        }
        start.countDown();
        for (Thread thread : started) {
            thread.join();
        }
        System.out.println("it: add=" + ADD.sum());
        System.out.println("it: flaky=" + FLAKY.sum());
        System.out.println("it: flaky-failures=" + FAILURES.sum());
    }

    private static Thread startPlatform(Runnable task) {
        Thread thread = new Thread(task);
        thread.start();
        return thread;
    }

    private static void work(int calls) {
        Calculator calculator = new Calculator();
        Flaky flaky = new Flaky();
        long local = 0;
        for (int i = 0; i < calls; i++) {
            local += calculator.add(i, 1);
            ADD.increment();
            FLAKY.increment();
            try {
                local += flaky.maybeFail(i);
            } catch (IllegalStateException expected) {
                FAILURES.increment();
            }
        }
        sink += local;
    }
}
