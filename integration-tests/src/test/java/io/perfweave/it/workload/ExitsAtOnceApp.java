package io.perfweave.it.workload;

/** Exits as its very first act: the JVM ends while the agent is still setting itself up in the background. */
public final class ExitsAtOnceApp {

    private ExitsAtOnceApp() {
    }

    public static void main(String[] args) {
        System.exit(5);
    }
}
