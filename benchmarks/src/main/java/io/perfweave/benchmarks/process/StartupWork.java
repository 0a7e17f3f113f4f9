package io.perfweave.benchmarks.process;

/** The probed method of the start-up benchmark, in a class loaded only after the first output. */
public final class StartupWork {

    public int work(int x) {
        return x * 31 + 7;
    }
}
