package io.perfweave.it.workload;

import java.util.concurrent.CountDownLatch;

/**
 * Calls {@link Flaky#maybeFail} a known number of times, prints how often, then either ends the JVM
 * with {@code System.exit(3)} from a thread other than main while main is still waiting, as a
 * server's admin endpoint or a watchdog would ({@code exit}), or prints {@code it: idle} and waits
 * for a signal ({@code wait}). Arguments: calls, {@code exit} or {@code wait}.
 */
public final class ExitingApp {

    private ExitingApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        int calls = Integer.parseInt(args[0]);
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
        if (args[1].equals("exit")) {
            new Thread(() -> System.exit(3), "it-exiter").start();
        } else {
            System.out.println("it: idle");
            System.out.flush();
        }
        new CountDownLatch(1).await();
    }
}
