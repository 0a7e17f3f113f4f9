package io.perfweave.benchmarks.attach;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How long an application thread is held up, in the spirit of jHiccup: a thread that asks to wake
 * every {@value #TICK_MICROS} µs and records how much later than that each wake-up came. A safepoint
 * (or anything else that stops the JVM's threads) shows as one late wake-up as long as the stop.
 *
 * <p>It parks between wake-ups instead of spinning: on a small machine a spinning thread would take
 * a core away from the application and from the agent's weaving, and so change what it measures.
 * The operating system's own scheduling delays count too, which is why the attach benchmark
 * measures an idle stretch first, to compare with.
 *
 * <p>Threads: {@link #start} and {@link #stop} are called by one controlling thread; the meter's
 * thread owns the figures until {@link #stop} has joined it, which publishes them to the caller.
 */
final class HiccupMeter {

    static final long TICK_MICROS = 100;
    /** Hiccups at least this long are added up as time stalled; shorter ones are timer and scheduler noise. */
    static final long STALL_MICROS = 10_000;

    private volatile boolean running;
    private Thread thread;
    private long longestNanos;
    private long stalledNanos;
    private int stalls;
    private double seconds;

    /** What one measured stretch saw. */
    record Hiccups(double seconds, double longestMs, int stalls, double stalledMs) {
    }

    void start() {
        longestNanos = 0;
        stalledNanos = 0;
        stalls = 0;
        running = true;
        thread = new Thread(this::measure, "hiccup-meter");
        thread.setDaemon(true);
        thread.start();
    }

    Hiccups stop() throws InterruptedException {
        running = false;
        thread.join();
        return new Hiccups(seconds, longestNanos / 1e6, stalls, stalledNanos / 1e6);
    }

    private void measure() {
        long tick = TimeUnit.MICROSECONDS.toNanos(TICK_MICROS);
        long stall = TimeUnit.MICROSECONDS.toNanos(STALL_MICROS);
        long began = System.nanoTime();
        long last = began;
        while (running) {
            LockSupport.parkNanos(tick);
            long now = System.nanoTime();
            long late = now - last - tick;
            if (late > longestNanos) {
                longestNanos = late;
            }
            if (late >= stall) {
                stalls++;
                stalledNanos += late;
            }
            last = now;
        }
        seconds = (last - began) / 1e9;
    }
}
