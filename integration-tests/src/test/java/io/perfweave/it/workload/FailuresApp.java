package io.perfweave.it.workload;

/** Drives {@link Failures}: each method a fixed number of times, counting what it threw. */
public final class FailuresApp {

    private FailuresApp() {
    }

    public static void main(String[] args) {
        int calls = Integer.parseInt(args[0]);
        Failures failures = new Failures();
        long fastFailures = 0;
        long slowFailures = 0;
        for (int i = 0; i < calls; i++) {
            try {
                failures.failFast(i);
            } catch (IllegalArgumentException e) {
                fastFailures++;
            }
            try {
                failures.failSlow(i);
            } catch (IllegalStateException e) {
                slowFailures++;
            }
        }
        long many = 0;
        for (int k = 0; k < 10; k++) {
            for (int n = 0; n <= k; n++) {
                try {
                    failures.failMany(k);
                } catch (RuntimeException e) {
                    many++;
                }
            }
        }
        System.out.println("it: calls=" + calls);
        System.out.println("it: fast-failures=" + fastFailures);
        System.out.println("it: slow-failures=" + slowFailures);
        System.out.println("it: many-failures=" + many);
        System.out.println("it: done");
    }
}
