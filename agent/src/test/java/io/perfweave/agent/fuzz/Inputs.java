package io.perfweave.agent.fuzz;

import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Generated inputs for the fuzz tests: each test case gets its own seed, printed with any failure,
 * so a failing case is reproduced by running the test again. Plain {@link Random}, because what is
 * needed is breadth of hostile input, not shrinking.
 */
final class Inputs {

    /** Characters that break naive parsers: separators, escapes, control characters, surrogates. */
    private static final String NASTY = "=:#!\\ \t\r\n,()*<>@.%-+eE0123456789\u0000\u001f\u007f\u00e9\u2028\ud800\udc00\uffff";

    private final Random random;

    Inputs(long seed) {
        this.random = new Random(seed);
    }

    /** Seeds for {@code @MethodSource}: the same {@code count} cases on every run. */
    static Stream<Long> seeds(long base, int count) {
        return LongStream.range(0, count).mapToObj(i -> base * 1_000_003 + i);
    }

    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    <T> T oneOf(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** Mostly characters from {@link #NASTY}, sometimes any UTF-16 unit at all. */
    String text(int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(chance(70) ? NASTY.charAt(random.nextInt(NASTY.length())) : (char) random.nextInt(Character.MAX_VALUE + 1));
        }
        return text.toString();
    }

    byte[] bytes(int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    long anyLong() {
        return random.nextLong();
    }
}
