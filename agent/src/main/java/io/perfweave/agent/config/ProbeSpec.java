package io.perfweave.agent.config;

/**
 * One probe declared in the configuration.
 *
 * @param id          small integer that woven code passes to the probe runtime; dense from 0
 * @param name        the {@code <name>} in {@code probe.<name>.method}
 * @param pattern     which methods it times
 * @param allocations {@code probe.<name>.allocations}: also measure the bytes allocated per call
 * @param samplePeriod {@code probe.<name>.sample = 1/N}: N, time one call in N (every call is counted); 1 times every call
 */
public record ProbeSpec(int id, String name, MethodPattern pattern, boolean allocations, int samplePeriod) {

    /** A probe that times every call. */
    public ProbeSpec(int id, String name, MethodPattern pattern, boolean allocations) {
        this(id, name, pattern, allocations, 1);
    }
}
