package io.perfweave.agent.config;

/**
 * One probe declared in the configuration.
 *
 * @param id          small integer that woven code passes to the probe runtime; dense from 0
 * @param name        the {@code <name>} in {@code probe.<name>.method}
 * @param pattern     which methods it times
 * @param allocations {@code probe.<name>.allocations}: also measure the bytes allocated per call
 */
public record ProbeSpec(int id, String name, MethodPattern pattern, boolean allocations) {
}
