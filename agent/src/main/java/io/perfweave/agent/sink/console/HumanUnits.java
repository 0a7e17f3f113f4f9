package io.perfweave.agent.sink.console;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Formats nanoseconds and bytes for people: three significant digits and the largest unit that fits. */
public final class HumanUnits {

    private HumanUnits() {
    }

    public static String nanos(double value) {
        // Round before choosing the unit: 999.6ns must read 1.00us (not 1000ns), and 9.999us 10.0us.
        double nanos = Double.isFinite(value)
                ? BigDecimal.valueOf(value).round(new MathContext(3, RoundingMode.HALF_UP)).doubleValue()
                : value;
        if (nanos < 1_000) {
            return Math.round(nanos) + "ns";
        }
        if (nanos < 1_000_000) {
            return scaled(nanos / 1e3, "us");
        }
        if (nanos < 1_000_000_000) {
            return scaled(nanos / 1e6, "ms");
        }
        return scaled(nanos / 1e9, "s");
    }

    /** Bytes in B, KiB, MiB or GiB; whole bytes are shown exactly below 1 KiB. */
    public static String bytes(double value) {
        if (value < 1024) {
            return Math.round(value) + "B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double scaled = value;
        int unit = -1;
        while (scaled >= 1024 && unit < units.length - 1) {
            scaled /= 1024;
            unit++;
        }
        double rounded = BigDecimal.valueOf(scaled).round(new MathContext(3, RoundingMode.HALF_UP)).doubleValue();
        return scaled(rounded, units[unit]);
    }

    private static String scaled(double value, String unit) {
        String format = value >= 100 ? "%.0f%s" : value >= 10 ? "%.1f%s" : "%.2f%s";
        return String.format(Locale.ROOT, format, value, unit);
    }
}
