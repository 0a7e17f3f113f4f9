package io.perfweave.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertiesFileReaderTest {

    @TempDir
    Path dir;

    private static PropertiesFileReader.Result parse(String... lines) {
        return PropertiesFileReader.parse(List.of(lines), "perfweave.properties");
    }

    @Test
    void skipsCommentsAndBlankLines() {
        PropertiesFileReader.Result result = parse(
                "# a comment",
                "! another comment",
                "   # an indented comment",
                "",
                "   ",
                "key = value");

        assertThat(result.entries()).extracting(ConfigEntry::key, ConfigEntry::value, ConfigEntry::location)
                .containsExactly(tuple("key", "value", "perfweave.properties:6"));
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void acceptsEqualsColonAndWhiteSpaceAsSeparators() {
        PropertiesFileReader.Result result = parse(
                "a=1",
                "b : 2",
                "c 3",
                "d\t\t4",
                "  e   =   5  ",
                "f",
                "g =",
                "h = x = y");

        assertThat(result.entries()).extracting(ConfigEntry::key, ConfigEntry::value).containsExactly(
                tuple("a", "1"), tuple("b", "2"), tuple("c", "3"), tuple("d", "4"), tuple("e", "5"),
                tuple("f", ""), tuple("g", ""), tuple("h", "x = y"));
    }

    @Test
    void continuationLinesJoinAndKeepTheFirstLineNumber() {
        PropertiesFileReader.Result result = parse(
                "first = 1",
                "probe.checkout.method = com.acme.Checkout\\",
                "        #process(\\",
                "   java.lang.String, int)",
                "after = 2");

        assertThat(result.entries()).extracting(ConfigEntry::key, ConfigEntry::value, ConfigEntry::location)
                .containsExactly(
                        tuple("first", "1", "perfweave.properties:1"),
                        tuple("probe.checkout.method", "com.acme.Checkout#process(java.lang.String, int)",
                                "perfweave.properties:2"),
                        tuple("after", "2", "perfweave.properties:5"));
    }

    @Test
    void aDoubledBackslashAtTheEndDoesNotContinueTheLine() {
        PropertiesFileReader.Result result = parse("path = C:\\\\temp\\\\", "next = 1");

        assertThat(result.entries()).extracting(ConfigEntry::key, ConfigEntry::value)
                .containsExactly(tuple("path", "C:\\temp\\"), tuple("next", "1"));
    }

    @Test
    void aContinuationOnTheLastLineEndsTheEntry() {
        PropertiesFileReader.Result result = parse("key = value\\");

        assertThat(result.entries()).extracting(ConfigEntry::value).containsExactly("value");
    }

    @Test
    void unescapesKeysAndValues() {
        PropertiesFileReader.Result result = parse(
                "tab = a\\tb",
                "newline = a\\nb",
                "unicode = caf\\u00e9",
                "a\\=b\\:c\\ d = separators in the key",
                "backslash = \\\\server\\\\share",
                "other = \\q");

        assertThat(result.entries()).extracting(ConfigEntry::key, ConfigEntry::value).containsExactly(
                tuple("tab", "a\tb"),
                tuple("newline", "a\nb"),
                tuple("unicode", "café"),
                tuple("a=b:c d", "separators in the key"),
                tuple("backslash", "\\server\\share"),
                tuple("other", "q"));
    }

    @Test
    void aMalformedUnicodeEscapeIsAProblemAtItsLineAndTheOtherEntriesSurvive() {
        PropertiesFileReader.Result result = parse(
                "before = 1",
                "broken = \\u12G4",
                "short = \\u12",
                "after = 2");

        assertThat(result.entries()).extracting(ConfigEntry::key).containsExactly("before", "after");
        assertThat(result.problems()).extracting(ConfigProblem::location)
                .containsExactly("perfweave.properties:2", "perfweave.properties:3");
        assertThat(result.problems().get(0).message()).contains("\\uXXXX");
        assertThat(result.problems().get(0).toString()).startsWith("perfweave.properties:2: ");
    }

    @Test
    void readsAUtf8FileAndNamesItInLocations() throws IOException {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "# comment\nunit = 5µs\n\nname = Zürich\n", StandardCharsets.UTF_8);

        PropertiesFileReader.Result result = PropertiesFileReader.read(file);

        assertThat(result.entries()).extracting(ConfigEntry::key, ConfigEntry::value, ConfigEntry::location)
                .containsExactly(
                        tuple("unit", "5µs", file + ":2"),
                        tuple("name", "Zürich", file + ":4"));
    }

    @Test
    void agreesWithJavaUtilPropertiesOnTheKeysAndValuesItReads() throws IOException {
        String text = String.join("\n",
                "a=1",
                "b : 2",
                "c   3",
                "long = one \\",
                "    two \\",
                "    three",
                "esc\\ aped\\:key = x\\ty",
                "! comment",
                "u = \\u0041\\u0042");
        java.util.Properties expected = new java.util.Properties();
        expected.load(new java.io.StringReader(text));

        PropertiesFileReader.Result result = PropertiesFileReader.parse(text.lines().toList(), "f");

        assertThat(result.entries()).hasSize(expected.size());
        for (ConfigEntry entry : result.entries()) {
            assertThat(entry.value()).as(entry.key()).isEqualTo(expected.getProperty(entry.key()));
        }
    }
}
