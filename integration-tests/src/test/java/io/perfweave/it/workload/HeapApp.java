package io.perfweave.it.workload;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Puts the heap in known states for the JVM health tests. Every 20 ms it calls {@link #churn()} (a
 * probed method that allocates 1 MB of garbage), and, depending on the mode:
 * <ul>
 *   <li>{@code garbage <ms>}: nothing more, for that long;</li>
 *   <li>{@code steady <ms>}: first keeps 20% of the old generation, collects it into the old
 *       generation, then churns for that long: occupancy after GC stays flat;</li>
 *   <li>{@code grow <fraction>}: also keeps 256 KB more each time (four chunks), until it keeps that fraction of the
 *       old generation, then churns on until its standard input closes;</li>
 *   <li>{@code fill <fraction>}: keeps that fraction of the old generation, collects, prints
 *       {@code it: filled}, waits for its standard input to close, lets it all go, collects again and
 *       churns for another second.</li>
 * </ul>
 */
public final class HeapApp {

    /** Small enough that G1 packs them into its regions without waste (it stores a 256 KB array three to a 1 MB region). */
    private static final int CHUNK = 64 * 1024;
    private static final long PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final List<byte[]> KEPT = new ArrayList<>();
    private static volatile Object sink;
    private static volatile boolean inputClosed;
    private static long churns;

    private HeapApp() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        long oldMax = oldGenerationMax();
        System.out.println("it: old-max=" + oldMax);
        Thread input = new Thread(HeapApp::awaitInputClosed, "input");
        input.setDaemon(true);
        switch (mode) {
            case "garbage" -> churnFor(Long.parseLong(args[1]));
            case "steady" -> {
                keep((long) (oldMax * 0.2));
                System.gc();
                System.gc();
                churnFor(Long.parseLong(args[1]));
            }
            case "grow" -> {
                input.start();
                long target = (long) (oldMax * Double.parseDouble(args[1]));
                long next = System.nanoTime();
                while (!inputClosed) {
                    churn();
                    if (kept() < target) {
                        keep(kept() + 4 * CHUNK);
                        if (kept() >= target) {
                            System.out.println("it: grown");
                        }
                    }
                    next = pace(next);
                }
            }
            case "fill" -> {
                keep((long) (oldMax * Double.parseDouble(args[1])));
                System.gc();
                System.out.println("it: filled");
                awaitInputClosed();
                KEPT.clear();
                System.gc();
                System.out.println("it: released");
                // The JVM tells listeners of a collection on a thread of its own, a little later: run on a while.
                churnFor(1000);
            }
            default -> throw new IllegalArgumentException(mode);
        }
        System.out.println("it: churn-calls=" + churns);
        System.out.println(String.format(Locale.ROOT, "it: kept-mb=%d", kept() >> 20));
    }

    /** The probed method: 1 MB of short-lived garbage. */
    public static void churn() {
        for (int i = 0; i < 64; i++) {
            sink = new byte[16 * 1024];
        }
        churns++;
    }

    private static void churnFor(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long next = System.nanoTime();
        while (System.nanoTime() - end < 0) {
            churn();
            next = pace(next);
        }
    }

    private static long pace(long next) {
        long at = next + PACE_NANOS;
        long wait = at - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        return Math.max(at, System.nanoTime() - PACE_NANOS);
    }

    private static void keep(long bytes) {
        while (kept() < bytes) {
            KEPT.add(new byte[CHUNK]);
        }
    }

    private static long kept() {
        return (long) KEPT.size() * CHUNK;
    }

    private static void awaitInputClosed() {
        try {
            while (System.in.read() >= 0) {
                // wait for the end of input
            }
        } catch (java.io.IOException e) {
            // closed
        }
        inputClosed = true;
    }

    private static long oldGenerationMax() {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        for (MemoryPoolMXBean pool : heap) {
            String name = pool.getName().toLowerCase(Locale.ROOT);
            if (name.contains("old") || name.contains("tenured")) {
                return pool.getUsage().getMax();
            }
        }
        return heap.get(0).getUsage().getMax();
    }
}
