package io.perfweave.it.workload;

import io.perfweave.api.BudgetEvent;
import io.perfweave.api.Perfweave;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Makes the agent expensive on cue: once the test writes {@code hot} on standard input, one thread calls
 * the nearly empty probed method {@link #tick} as fast as it can, so that the probes' estimated cost
 * becomes most of the process's CPU; until then the application only waits, having added its budget
 * listener first (so no event can come before the listener). Closing standard input ends the run, with
 * the thread still calling, so the agent's share does not drop before the final report.
 * Every budget event is printed as
 * {@code it: listener <KIND> <probe> <metric> observedPpm=<n> limitPpm=<n> samples=<n> window=<n>}, ratios
 * in millionths.
 */
public final class OverheadApp {

    private static long ticks;

    private OverheadApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("it: listener-added=" + Perfweave.addBudgetListener(OverheadApp::print));
        Thread hot = new Thread(() -> {
            while (true) {
                tick();
            }
        }, "overhead-hot");
        // Still calling while the JVM exits: the agent's share stays as high to the final report.
        hot.setDaemon(true);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("hot") && !hot.isAlive()) {
                    hot.start();
                    System.out.println("it: hot");
                }
            }
        }
        System.out.println("it: done");
    }

    /** The probed method: next to nothing, so a call costs about what its probe does. */
    public static long tick() {
        return ++ticks;
    }

    private static synchronized void print(BudgetEvent event) {
        System.out.println("it: listener " + event.kind() + " " + event.probe() + " " + event.metric()
                + " observedPpm=" + Math.round(event.observed() * 1e6) + " limitPpm=" + Math.round(event.limit() * 1e6)
                + " samples=" + event.samples() + " window=" + event.windowNanos());
    }
}
