package io.perfweave.agent.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code baseline.*} settings and the per-probe overrides {@code probe.<name>.baseline.*}.
 *
 * @param save             {@code baseline.save}: where to write this run's baseline at exit
 * @param label            {@code baseline.label}: stored in the saved baseline; empty if not set
 * @param compare          {@code baseline.compare}: the baseline to compare this run with
 * @param tolerance        {@code baseline.tolerance} as a fraction, {@code 0.2} for 20%
 * @param minSamples       {@code baseline.minSamples}
 * @param probeTolerance   {@code probe.<name>.baseline.tolerance}, by probe name
 * @param probeMinSamples  {@code probe.<name>.baseline.minSamples}, by probe name
 */
public record BaselineSettings(Optional<Path> save, String label, Optional<Path> compare, double tolerance,
                               long minSamples, Map<String, Double> probeTolerance,
                               Map<String, Long> probeMinSamples) {

    public static final double DEFAULT_TOLERANCE = 0.20;
    public static final long DEFAULT_MIN_SAMPLES = 1_000;

    public BaselineSettings {
        probeTolerance = Map.copyOf(probeTolerance);
        probeMinSamples = Map.copyOf(probeMinSamples);
    }

    /**
     * Parses a tolerance: a percentage, the {@code %} sign optional ({@code 20%}, {@code 12.5}).
     *
     * @return the fraction, {@code 0.2} for {@code 20%}
     */
    public static double parseTolerance(String text) {
        String number = text.strip();
        if (number.endsWith("%")) {
            number = number.substring(0, number.length() - 1).strip();
        }
        double percent;
        try {
            percent = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage: use for example 20%");
        }
        if (!(percent > 0) || percent > 1000) {
            throw new IllegalArgumentException("'" + text + "' is out of range: use more than 0% and at most 1000%");
        }
        return percent / 100;
    }
}
