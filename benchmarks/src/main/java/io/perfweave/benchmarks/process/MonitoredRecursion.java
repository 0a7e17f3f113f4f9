package io.perfweave.benchmarks.process;

/**
 * The monitored method of the whole-process benchmark, in the style of MooBench's monitored class:
 * it does no work but call itself until the depth runs out, so every monitored call costs little
 * more than what a monitoring tool adds to it.
 */
public final class MonitoredRecursion {

    public int call(int depth) {
        if (depth <= 1) {
            return 1;
        }
        return call(depth - 1) + 1;
    }
}
