package io.perfweave.it.workload;

import java.util.concurrent.CountDownLatch;

/**
 * Calls {@link Flaky#maybeFail} a known number of times, prints how often, then ends the JVM with
 * {@code System.exit(3)} or waits for a signal. Arguments: calls, then one of
 *
 * <ul>
 *   <li>{@code exit}: exits from a thread other than main while main is still waiting, as a
 *       server's admin endpoint or a watchdog would;
 *   <li>{@code exit-main}: exits from main itself, right after its calls, which are still in its ring;
 *   <li>{@code exit-virtual}: makes the calls on a virtual thread, which then exits while main waits
 *       (JDK 21 or later);
 *   <li>{@code wait}: prints {@code it: idle} and waits for a signal.
 * </ul>
 */
public final class ExitingApp {

    private ExitingApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        int calls = Integer.parseInt(args[0]);
        switch (args[1]) {
            case "exit" -> {
                callFlaky(calls);
                new Thread(() -> System.exit(3), "it-exiter").start();
            }
            case "exit-main" -> {
                callFlaky(calls);
                System.exit(3);
            }
            case "exit-virtual" -> VirtualThreads.start(() -> {
                callFlaky(calls);
                System.exit(3);
            });
            case "wait" -> {
                callFlaky(calls);
                System.out.println("it: idle");
                System.out.flush();
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[1]);
        }
        new CountDownLatch(1).await();
    }

    private static void callFlaky(int calls) {
        Flaky flaky = new Flaky();
        long failures = 0;
        for (int i = 0; i < calls; i++) {
            try {
                flaky.maybeFail(i);
            } catch (IllegalStateException expected) {
                failures++;
            }
        }
        System.out.println("it: flaky=" + calls);
        System.out.println("it: flaky-failures=" + failures);
        System.out.flush();
    }
}
