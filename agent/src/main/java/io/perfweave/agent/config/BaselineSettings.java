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
 * @param tailTolerance    {@code baseline.tailTolerance} as a fraction
 * @param minChangeNanos   {@code baseline.minChange}
 * @param minSamples       {@code baseline.minSamples}
 * @param probeOverrides   {@code probe.<name>.baseline.<key>}: by probe name, the keys set (without
 *                         {@code baseline.}) and their parsed values
 */
public record BaselineSettings(Optional<Path> save, String label, Optional<Path> compare, double tolerance,
                               double tailTolerance, long minChangeNanos, long minSamples,
                               Map<String, Map<String, Number>> probeOverrides) {

    public static final double DEFAULT_TOLERANCE = 0.20;
    public static final double DEFAULT_TAIL_TOLERANCE = 1.00;
    public static final long DEFAULT_MIN_CHANGE_NANOS = 1_000;
    public static final long DEFAULT_MIN_SAMPLES = 1_000;

    public static final String TOLERANCE = "tolerance";
    public static final String TAIL_TOLERANCE = "tailTolerance";
    public static final String MIN_CHANGE = "minChange";
    public static final String MIN_SAMPLES = "minSamples";

    public BaselineSettings {
        probeOverrides = Map.copyOf(probeOverrides);
    }

    public double tolerance(String probe) {
        return override(probe, TOLERANCE, tolerance).doubleValue();
    }

    public double tailTolerance(String probe) {
        return override(probe, TAIL_TOLERANCE, tailTolerance).doubleValue();
    }

    public long minChangeNanos(String probe) {
        return override(probe, MIN_CHANGE, minChangeNanos).longValue();
    }

    public long minSamples(String probe) {
        return override(probe, MIN_SAMPLES, minSamples).longValue();
    }

    private Number override(String probe, String key, Number global) {
        return probeOverrides.getOrDefault(probe, Map.of()).getOrDefault(key, global);
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
