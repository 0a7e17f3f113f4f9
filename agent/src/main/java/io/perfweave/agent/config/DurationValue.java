package io.perfweave.agent.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written as a number and a unit: {@code 250ms}, {@code 1.5s}, {@code 2m}. */
public final class DurationValue {

    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zµ]+)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", TimeUnit.MICROSECONDS.toNanos(1),
            "µs", TimeUnit.MICROSECONDS.toNanos(1),
            "ms", TimeUnit.MILLISECONDS.toNanos(1),
            "s", TimeUnit.SECONDS.toNanos(1),
            "m", TimeUnit.MINUTES.toNanos(1),
            "h", TimeUnit.HOURS.toNanos(1));

    private DurationValue() {
    }

    /**
     * @return the duration in nanoseconds
     * @throws IllegalArgumentException saying what is wrong and which units are accepted
     */
    public static long parseNanos(String text) {
        Matcher m = FORMAT.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: expected a number followed by a unit"
                    + " (ns, us, ms, s, m or h), for example 500ms");
        }
        Long unit = NANOS_PER_UNIT.get(m.group(2));
        if (unit == null) {
            throw new IllegalArgumentException("'" + text + "' has an unknown unit '" + m.group(2)
                    + "': use ns, us, ms, s, m or h");
        }
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        return nanos.longValue();
    }
}
