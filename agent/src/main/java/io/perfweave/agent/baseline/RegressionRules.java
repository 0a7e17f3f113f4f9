package io.perfweave.agent.baseline;

import java.util.Map;

/**
 * The rule each probe is judged by: one default ({@code baseline.tolerance}, {@code baseline.minSamples})
 * and overrides per probe ({@code probe.<name>.baseline.*}).
 */
public record RegressionRules(RegressionRule defaults, Map<String, RegressionRule> perProbe) {

    public static final RegressionRules DEFAULT = new RegressionRules(RegressionRule.DEFAULT, Map.of());

    public RegressionRules {
        perProbe = Map.copyOf(perProbe);
    }

    public RegressionRule forProbe(String name) {
        return perProbe.getOrDefault(name, defaults);
    }
}
