package io.perfweave.agent.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.baseline.Baseline;
import io.perfweave.agent.baseline.BaselineFormatException;
import io.perfweave.agent.baseline.BaselineReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The baseline reader gets files it did not write: truncated by a full disk, edited by hand, or
 * corrupted. Whatever it reads, it returns a baseline or a {@link BaselineFormatException} naming
 * the file and where in it the problem is, and nothing else escapes (no parser exception, no
 * HdrHistogram exception, no error). The inputs are mutations of a baseline saved by a real run of
 * the sample app.
 *
 * <p>A hang fails the case: each one runs on a thread of its own and is given up after its time
 * (far more than any case takes), even if it never looks at an interrupt.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BaselineReaderFuzzTest {

    /**
     * Where a problem is, after the file name: the line and column of malformed JSON, or the field
     * ({@code probes[2].runs[0].latencyHistogram}, {@code the top level}); an empty file has no place
     * to point at and says so.
     */
    private static final Pattern LOCATION = Pattern.compile(
            "(:\\d+:\\d+: malformed JSON: "
            + "|: (the top level|[A-Za-z]+(\\[\\d+])?(\\.[A-Za-z]+(\\[\\d+])?)*): "
            + "|: the file is empty, not a baseline$).*", Pattern.DOTALL);

    private static final String VALID = resource("/fuzz/baseline-v1.json");
    private static final List<String> JSON_VALUES = List.of("null", "true", "false", "0", "-1", "1.5", "1e400",
            "-1e400", "9223372036854775808", "-9223372036854775809", "\"\"", "\"x\"", "{}", "[]", "[1,2]",
            "{\"a\":1}", "\"2026-13-45T99:00:00Z\"", "\"HISTFAAAAHl4nO3\"", "\"!!!\"", "2", "5", "99");

    @TempDir
    Path dir;

    static Stream<Long> mutations() {
        return Inputs.seeds(11, 600);
    }

    static Stream<Long> histograms() {
        return Inputs.seeds(12, 300);
    }

    static Stream<Long> bytes() {
        return Inputs.seeds(13, 200);
    }

    @Test
    void theSeedItselfIsAValidBaseline() throws Exception {
        Path file = Files.writeString(dir.resolve("valid.json"), VALID);
        assertThat(BaselineReader.read(file).probes()).hasSize(6);
    }

    @Test
    void aBaselineTruncatedAnywhereIsRefusedWithTheFileName() throws IOException {
        for (int cut = 0; cut < VALID.length(); cut += 7) {
            readOrRefuse(VALID.substring(0, cut));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("mutations")
    void aBaselineWithCharactersOrValuesReplacedIsReadOrRefused(long seed) throws IOException {
        Inputs in = new Inputs(seed);
        String mutated = VALID;
        for (int edits = in.between(1, 3); edits > 0; edits--) {
            mutated = in.chance(50) ? replaceCharacter(mutated, in) : replaceValue(mutated, in);
        }
        readOrRefuse(mutated);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("histograms")
    void aCorruptHistogramIsRefusedWithTheFileName(long seed) throws IOException {
        Inputs in = new Inputs(seed);
        String marker = "\"latencyHistogram\" : \"";
        int at = VALID.indexOf(marker) + marker.length();
        int end = VALID.indexOf('"', at);
        String original = VALID.substring(at, end);
        String histogram;
        if (in.chance(50)) {
            histogram = Base64.getEncoder().encodeToString(in.bytes(400));
        } else {
            // The real encoding with some bytes changed: a valid header with a damaged body, or the reverse.
            byte[] bytes = Base64.getDecoder().decode(original);
            for (int flips = in.between(1, 4); flips > 0; flips--) {
                bytes[in.between(0, bytes.length - 1)] ^= (byte) in.between(1, 255);
            }
            histogram = Base64.getEncoder().encodeToString(bytes);
        }
        readOrRefuse(VALID.substring(0, at) + histogram + VALID.substring(end));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("bytes")
    void arbitraryBytesAreRefusedWithTheFileName(long seed) throws IOException {
        Path file = dir.resolve("bytes.json");
        Files.write(file, new Inputs(seed).bytes(3_000));
        readOrRefuse(file);
    }

    @Test
    void deeplyNestedJsonIsRefusedNotAStackOverflow() throws IOException {
        readOrRefuse("[".repeat(100_000) + "]".repeat(100_000));
    }

    private void readOrRefuse(String content) throws IOException {
        Path file = dir.resolve("baseline.json");
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        readOrRefuse(file);
    }

    private static void readOrRefuse(Path file) {
        try {
            Baseline baseline = BaselineReader.read(file);
            assertThat(baseline.probes()).isNotNull();
        } catch (BaselineFormatException e) {
            assertThat(e.getMessage()).startsWith(file.toString());
            assertThat(e.getMessage().substring(file.toString().length())).as("where the problem is")
                    .matches(LOCATION);
        }
    }

    private static String replaceCharacter(String text, Inputs in) {
        int at = in.between(0, text.length() - 1);
        return text.substring(0, at) + in.text(2) + text.substring(at + 1);
    }

    /** Replaces the value after one of the {@code " : "} with another JSON value, mostly keeping the document well-formed. */
    private static String replaceValue(String text, Inputs in) {
        int occurrences = text.split(" : ", -1).length - 1;
        if (occurrences == 0) {
            return text;
        }
        int target = in.between(0, occurrences - 1);
        int at = -1;
        for (int i = 0; i <= target; i++) {
            at = text.indexOf(" : ", at + 1);
        }
        int start = at + 3;
        String value = in.chance(70) ? in.oneOf(JSON_VALUES) : Long.toString(in.anyLong());
        return text.substring(0, start) + value + text.substring(endOfScalar(text, start));
    }

    private static int endOfScalar(String text, int start) {
        if (start >= text.length()) {
            return text.length();
        }
        char first = text.charAt(start);
        if (first == '"') {
            int close = text.indexOf('"', start + 1);
            return close < 0 ? text.length() : close + 1;
        }
        if (first == '{' || first == '[') {
            return start + 1;
        }
        int end = start;
        while (end < text.length() && ",\n}]".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return end;
    }

    private static String resource(String name) {
        try (InputStream in = BaselineReaderFuzzTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
