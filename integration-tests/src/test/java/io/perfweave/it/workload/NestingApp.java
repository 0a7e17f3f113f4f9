package io.perfweave.it.workload;

/**
 * Runs {@link Nesting} on platform threads, or on virtual threads that park inside the probed
 * calls so they move between carrier threads. Arguments: {@code platform|virtual}, threads, calls per thread.
 */
public final class NestingApp {

    private NestingApp() {
    }

    public static void main(String[] args) throws Exception {
        boolean virtual = args[0].equals("virtual");
        int threads = Integer.parseInt(args[1]);
        int calls = Integer.parseInt(args[2]);
        Nesting nesting = virtual ? new ParkingNesting() : new Nesting();
        Runnable work = () -> {
            for (int i = 0; i < calls; i++) {
                nesting.parent();
                nesting.factorial(5);
                nesting.annotatedNamed();
                nesting.annotatedUnnamed();
                nesting.customAnnotated();
            }
        };
        Thread[] started = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            started[t] = virtual ? VirtualThreads.start(work) : new Thread(work, "nesting-" + t);
            if (!virtual) {
                started[t].start();
            }
        }
        for (Thread thread : started) {
            thread.join();
        }
        System.out.println("it: parent-calls=" + (long) threads * calls);
        System.out.println("it: done");
    }
}
