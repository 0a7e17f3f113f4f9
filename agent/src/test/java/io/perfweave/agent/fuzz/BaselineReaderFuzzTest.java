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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * The baseline reader gets files it did not write: truncated by a full disk, edited by hand, or
 * corrupted. Whatever it reads, it returns a baseline or a {@link BaselineFormatException} naming
 * the file, and nothing else escapes (no parser exception, no HdrHistogram exception, no error).
 * The inputs are mutations of a baseline saved by a real run of the sample app.
 */
class BaselineReaderFuzzTest {

    private static final String VALID = resource("/fuzz/baseline-v1.json");

    private Path dir;

    @BeforeTry
    void createDirectory() throws IOException {
        dir = Files.createTempDirectory("perfweave-fuzz");
    }

    @AfterTry
    void deleteDirectory() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> path.toFile().delete());
        }
    }

    @Example
    void theSeedItselfIsAValidBaseline() throws Exception {
        assertThat(read(VALID).probes()).hasSize(6);
    }

    @Property(tries = 300)
    void aTruncatedBaselineIsRefusedWithTheFileName(@ForAll("cuts") int cut) throws IOException {
        readOrRefuse(VALID.substring(0, Math.min(cut, VALID.length())));
    }

    @Property(tries = 500)
    void aBaselineWithCharactersReplacedIsReadOrRefused(@ForAll("positions") int position, @ForAll char replacement)
            throws IOException {
        int at = position % VALID.length();
        readOrRefuse(VALID.substring(0, at) + replacement + VALID.substring(at + 1));
    }

    @Property(tries = 500)
    void aBaselineWithValuesReplacedIsReadOrRefused(@ForAll("positions") int position, @ForAll("jsonValues") String value)
            throws IOException {
        // Replace whatever value follows the n-th " : " with another JSON value, keeping the document well-formed
        // most of the time, so the reader's field checks rather than the JSON parser are exercised.
        int occurrences = VALID.split(" : ", -1).length - 1;
        int target = position % occurrences;
        int at = -1;
        for (int i = 0; i <= target; i++) {
            at = VALID.indexOf(" : ", at + 1);
        }
        int start = at + 3;
        int end = endOfScalar(VALID, start);
        readOrRefuse(VALID.substring(0, start) + value + VALID.substring(end));
    }

    @Property(tries = 300)
    void aCorruptHistogramIsRefusedWithTheField(@ForAll byte[] payload) throws IOException {
        String histogram = Base64.getEncoder().encodeToString(payload);
        int at = VALID.indexOf("\"latencyHistogram\" : \"") + "\"latencyHistogram\" : \"".length();
        int end = VALID.indexOf('"', at);
        readOrRefuse(VALID.substring(0, at) + histogram + VALID.substring(end));
    }

    @Property(tries = 200)
    void arbitraryBytesAreRefusedWithTheFileName(@ForAll byte[] content) throws IOException {
        Path file = dir.resolve("bytes.json");
        Files.write(file, content);
        readOrRefuse(file);
    }

    @Example
    void deeplyNestedJsonIsRefusedNotAStackOverflow() throws IOException {
        readOrRefuse("[".repeat(100_000) + "]".repeat(100_000));
    }

    private void readOrRefuse(String content) throws IOException {
        Path file = dir.resolve("baseline.json");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        readOrRefuse(file);
    }

    private static void readOrRefuse(Path file) {
        try {
            Baseline baseline = BaselineReader.read(file);
            assertThat(baseline.probes()).isNotNull();
        } catch (BaselineFormatException e) {
            assertThat(e.getMessage()).startsWith(file.toString());
        }
    }

    private Baseline read(String content) throws Exception {
        Path file = dir.resolve("valid.json");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return BaselineReader.read(file);
    }

    private static int endOfScalar(String text, int start) {
        char first = text.charAt(start);
        if (first == '"') {
            return text.indexOf('"', start + 1) + 1;
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

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, VALID.length());
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE);
    }

    @Provide
    Arbitrary<String> jsonValues() {
        return Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-1", "1.5", "1e400", "-1e400", "9223372036854775808",
                        "-9223372036854775809", "\"\"", "\"x\"", "{}", "[]", "[1,2]", "{\"a\":1}", "\"2026-13-45T99:00:00Z\"",
                        "\"HISTFAAAAHl4nO3\"", "\"!!!\"", "2", "5", "99"),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.strings().ofMaxLength(20).map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
    }

    private static String resource(String name) {
        try (InputStream in = BaselineReaderFuzzTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
