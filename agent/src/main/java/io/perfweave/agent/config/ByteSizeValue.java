package io.perfweave.agent.config;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses amounts of memory written as a number and a binary unit: {@code 512B}, {@code 1.5KiB}, {@code 2MiB}. */
public final class ByteSizeValue {

    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]+)");
    private static final Map<String, Long> BYTES_PER_UNIT = Map.of(
            "B", 1L,
            "KiB", 1L << 10,
            "MiB", 1L << 20,
            "GiB", 1L << 30);

    private ByteSizeValue() {
    }

    /**
     * @return the amount in whole bytes, rounded down
     * @throws IllegalArgumentException saying what is wrong and which units are accepted
     */
    public static long parseBytes(String text) {
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an amount of memory: expected a number followed by"
                    + " a unit (B, KiB, MiB or GiB), for example 512KiB");
        }
        Long unit = BYTES_PER_UNIT.get(m.group(2));
        if (unit == null) {
            throw new IllegalArgumentException("'" + text + "' has an unknown unit '" + m.group(2)
                    + "': use B, KiB, MiB or GiB (1 KiB = 1024 B)");
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return bytes.longValue();
    }
}
