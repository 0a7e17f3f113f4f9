package io.perfweave.it.workload;

import io.perfweave.api.BudgetEvent;
import io.perfweave.api.Perfweave;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/**
 * Calls three methods a given number of times (the first argument): {@code heavy} allocates 8016
 * bytes a call, {@code flaky} fails on every 10th call, {@code within} allocates 120 bytes and fails
 * on every 1000th. Then prints {@code it: calls=<n>} and waits for standard input to close. Every
 * budget event a listener receives is printed as
 * {@code it: listener <KIND> <probe> <metric> observed=<double> limit=<double> samples=<n>}, with the
 * figures unrounded: an error rate is a fraction.
 */
public final class AllocationErrorBudgetApp {

    /**
     * A pause after each round of calls, so that the calls spread over many reporter intervals (many
     * judged windows) and the worker leaves the machine's other cores alone.
     */
    private static final long PAUSE_NANOS = 100_000;

    private AllocationErrorBudgetApp() {
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(args[0]);
        boolean listening = Perfweave.addBudgetListener(AllocationErrorBudgetApp::print);
        System.out.println("it: listener-added=" + listening);
        Services services = new Services();
        long sink = 0;
        for (int i = 1; i <= calls; i++) {
            sink += services.heavy().length;
            try {
                sink += services.flaky(i);
            } catch (IllegalStateException expected) {
                sink++;
            }
            try {
                sink += services.within(i).length;
            } catch (IllegalStateException expected) {
                sink++;
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
        System.out.println("it: calls=" + calls);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // only the end of input matters
            }
        } catch (IOException e) {
            System.out.println("it: stdin failed " + e);
        }
        System.out.println("it: done " + (sink & 1));
    }

    private static synchronized void print(BudgetEvent event) {
        System.out.println("it: listener " + event.kind() + " " + event.probe() + " " + event.metric()
                + " observed=" + event.observed() + " limit=" + event.limit() + " samples=" + event.samples());
    }

    /** The probed methods (64-bit HotSpot, compressed class pointers: 16-byte array headers). */
    public static final class Services {

        static volatile Object escape;

        /** 16 + 8 * 1000 = 8016 bytes. */
        public long[] heavy() {
            long[] array = new long[1000];
            escape = array;
            return array;
        }

        /** Fails on every 10th call: 10% of any run of calls, give or take one call. */
        public int flaky(int i) {
            if (i % 10 == 0) {
                throw new IllegalStateException("call " + i + " fails");
            }
            return i;
        }

        /** 16 + 100, aligned to 120 bytes; fails on every 1000th call, at most one in a run of 200 calls. */
        public byte[] within(int i) {
            if (i % 1000 == 0) {
                throw new IllegalStateException("call " + i + " fails");
            }
            byte[] array = new byte[100];
            escape = array;
            return array;
        }
    }
}
