package io.perfweave.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SampleOptionsTest {

    @Test
    void noArgumentsGiveDefaults() throws Exception {
        SampleOptions options = SampleOptions.parse();

        assertEquals(SampleOptions.defaults(), options);
        assertEquals(Duration.ofSeconds(10), options.duration());
        assertEquals(2, options.threads());
        assertEquals(42, options.seed());
        assertEquals(Duration.ZERO, options.warmUp());
        assertFalse(options.fixedRequestCount());
        assertFalse(options.regressPricing());
        assertFalse(options.helpRequested());
    }

    @Test
    void parsesEveryOption() throws Exception {
        SampleOptions options = SampleOptions.parse(
                "--duration", "3s", "--warm-up", "500ms", "--threads", "4", "--requests", "100", "--regress", "pricing",
                "--seed", "-7");

        assertEquals(Duration.ofSeconds(3), options.duration());
        assertEquals(Duration.ofMillis(500), options.warmUp());
        assertEquals(4, options.threads());
        assertEquals(100, options.requestsPerThread());
        assertTrue(options.fixedRequestCount());
        assertTrue(options.regressPricing());
        assertEquals(-7, options.seed());
    }

    @Test
    void acceptsNameEqualsValueForm() throws Exception {
        SampleOptions options = SampleOptions.parse("--duration=2m", "--threads=1", "--seed=9");

        assertEquals(Duration.ofMinutes(2), options.duration());
        assertEquals(1, options.threads());
        assertEquals(9, options.seed());
    }

    @ParameterizedTest
    @CsvSource({"500ms, 500", "10s, 10000", "2m, 120000", "1S, 1000"})
    void durationUnits(String text, long expectedMillis) throws Exception {
        assertEquals(expectedMillis, SampleOptions.parseDuration(text).toMillis());
    }

    @Test
    void helpIsRecognised() throws Exception {
        assertTrue(SampleOptions.parse("--help").helpRequested());
        assertTrue(SampleOptions.parse("-h").helpRequested());
    }

    @Test
    void aWarmUpMayBeZero() throws Exception {
        assertEquals(Duration.ZERO, SampleOptions.parse("--warm-up=0s").warmUp());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--frobnicate                | unknown option '--frobnicate'",
            "--threads                   | option --threads needs a value",
            "--threads --seed 3          | option --threads needs a value",
            "--threads 0                 | option --threads expects a whole number from 1 to 256, got '0'",
            "--threads many              | option --threads expects a whole number",
            "--requests -5               | option --requests expects a whole number",
            "--duration 10               | option --duration expects a number with unit ms, s or m",
            "--duration 10h              | option --duration expects a number with unit ms, s or m",
            "--duration 0s               | option --duration must be greater than zero",
            "--warm-up 5                 | option --warm-up expects a number with unit ms, s or m",
            "--regress inventory         | option --regress: unknown regression 'inventory' (known: pricing)",
            "--seed 1.5                  | option --seed expects a whole number",
            "--help=yes                  | option --help does not take a value",
            "stray                       | unexpected argument 'stray'",
    })
    void badOptionsAreRejectedWithMessageNamingTheOption(String commandLine, String expectedMessageStart) {
        String[] args = commandLine.trim().split("\\s+");

        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> SampleOptions.parse(args));

        assertTrue(e.getMessage().startsWith(expectedMessageStart.trim()),
                () -> "message was: " + e.getMessage());
    }
}
