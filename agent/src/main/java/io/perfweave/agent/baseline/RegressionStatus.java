package io.perfweave.agent.baseline;

/** The verdict of comparing one probe (or one of its metrics) with a baseline. */
public enum RegressionStatus {
    /** Slower than the baseline by more than the tolerance, and the slowdown is statistically confirmed. */
    REGRESSED("regressed"),
    /** Faster than the baseline by more than the tolerance, and the speed-up is statistically confirmed. */
    IMPROVED("improved"),
    /** Judged, and neither of the above. */
    UNCHANGED("unchanged"),
    /** Too few timed calls on one side (or a probe missing on one side) to judge. */
    INSUFFICIENT_DATA("insufficient-data");

    private final String label;

    RegressionStatus(String label) {
        this.label = label;
    }

    /** The name used in reports and on the command line. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
