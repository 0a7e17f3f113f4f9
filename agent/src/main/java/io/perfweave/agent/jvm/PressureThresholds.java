package io.perfweave.agent.jvm;

/**
 * Where the pressure levels start, as fractions of the old generation's maximum: occupancy after GC
 * of at least {@code yellow} is yellow, and so on. A level is left only when occupancy falls
 * {@code hysteresis} below its threshold, so occupancy that hovers at a threshold does not make the
 * level flap.
 *
 * @param yellow     {@code pressure.yellow}
 * @param orange     {@code pressure.orange}
 * @param red        {@code pressure.red}
 * @param critical   {@code pressure.critical}
 * @param hysteresis {@code pressure.hysteresis}
 */
public record PressureThresholds(double yellow, double orange, double red, double critical, double hysteresis) {

    public static final PressureThresholds DEFAULT = new PressureThresholds(0.60, 0.75, 0.85, 0.95, 0.05);

    public PressureThresholds {
        if (!(0 < yellow && yellow < orange && orange < red && red < critical && critical <= 1)) {
            throw new IllegalArgumentException("pressure thresholds must increase from yellow to critical, within 0% to"
                    + " 100%: yellow " + percent(yellow) + ", orange " + percent(orange) + ", red " + percent(red)
                    + ", critical " + percent(critical));
        }
        if (!(0 <= hysteresis && hysteresis < yellow)) {
            throw new IllegalArgumentException("pressure.hysteresis " + percent(hysteresis)
                    + " must be at least 0% and below pressure.yellow");
        }
    }

    /** The level of this occupancy, without hysteresis. */
    public PressureLevel levelOf(double occupancy) {
        if (occupancy >= critical) {
            return PressureLevel.CRITICAL;
        }
        if (occupancy >= red) {
            return PressureLevel.RED;
        }
        if (occupancy >= orange) {
            return PressureLevel.ORANGE;
        }
        return occupancy >= yellow ? PressureLevel.YELLOW : PressureLevel.GREEN;
    }

    /** Where {@code level} starts; 0 for green. */
    public double thresholdOf(PressureLevel level) {
        return switch (level) {
            case GREEN -> 0;
            case YELLOW -> yellow;
            case ORANGE -> orange;
            case RED -> red;
            case CRITICAL -> critical;
        };
    }

    private static String percent(double fraction) {
        return Math.round(fraction * 1000) / 10.0 + "%";
    }
}
