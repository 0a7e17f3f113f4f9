package io.perfweave.it.workload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Calls {@link Tiers}' four methods in batches of 100 each, about once a millisecond, while standard
 * input commands put the heap under pressure and relieve it; each command is answered once done:
 * <ul>
 *   <li>{@code fill <fraction>}: keeps that fraction of the old generation, collects: {@code it: filled};</li>
 *   <li>{@code release}: lets it all go, collects: {@code it: released};</li>
 *   <li>{@code stop} (or the end of input): prints how many times it called each method and exits.</li>
 * </ul>
 * Commands are carried out between batches, by the calling thread, so the counts it prints are exact.
 */
public final class AdaptiveApp {

    private static final int CHUNK = 64 * 1024;
    private static final int BATCH = 100;
    private static final List<byte[]> KEPT = new ArrayList<>();
    private static volatile String command;
    private static volatile int sink;

    private AdaptiveApp() {
    }

    public static void main(String[] args) throws Exception {
        Thread input = new Thread(AdaptiveApp::readCommands, "input");
        input.setDaemon(true);
        input.start();
        System.out.println("it: started");
        long calls = 0;
        int acc = 0;
        while (true) {
            for (int i = 0; i < BATCH; i++) {
                acc += Tiers.high(i) + Tiers.normal(i) + Tiers.low(i) + Tiers.annotatedLow(i);
            }
            calls += BATCH;
            sink = acc;
            String next = command;
            if (next != null) {
                command = null;
                if (next.startsWith("fill ")) {
                    long target = (long) (oldGenerationMax() * Double.parseDouble(next.substring(5)));
                    while ((long) KEPT.size() * CHUNK < target) {
                        KEPT.add(new byte[CHUNK]);
                    }
                    System.gc();
                    System.out.println("it: filled");
                } else if (next.equals("release")) {
                    KEPT.clear();
                    System.gc();
                    System.out.println("it: released");
                } else {
                    break;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        System.out.println("it: calls=" + calls);
    }

    private static void readCommands() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                awaitTaken();
                command = line.strip();
            }
        } catch (IOException e) {
            // closed: stop below
        }
        awaitTaken();
        command = "stop";
    }

    private static void awaitTaken() {
        while (command != null) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
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
