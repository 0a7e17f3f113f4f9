package io.perfweave.agent.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.config.ConfigProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Whatever a user writes into the configuration, the loader returns a configuration to run with and
 * a list of problems that each say where they are; it never throws and never hangs. The inputs are
 * built from the real keys with valid, borderline and hostile values, so that most tries reach the
 * value parsers instead of stopping at "unknown key".
 */
class ConfigurationFuzzTest {

    private static final List<String> KEYS = List.of("reporter.interval", "report.json", "report.console",
            "report.console.final", "log.level", "log.file", "ring.capacity", "histogram.significantDigits",
            "shutdown.timeout", "profiled.classes", "report.hlog", "prometheus.port", "prometheus.host",
            "prometheus.buckets", "prometheus.summary.window", "baseline.save", "baseline.label",
            "baseline.compare", "baseline.tolerance", "baseline.minSamples", "baseline.tailTolerance",
            "baseline.minChange", "probe.p.method", "probe.p.allocations", "probe.p.annotated",
            "probe.p.baseline.tolerance", "probe.p.baseline.minChange", "probe.q-1.method", "probe..method",
            "probe.p", "probe.ünï.method", "config");

    private static final List<String> VALUES = List.of("", " ", "1s", "0s", "-1s", "1.5ms", "0.0000001ns",
            "99999999999999999999h", "1e9s", "10 MS", "true", "false", "TRUE", "yes", "20%", "-5%", "1000%",
            "0", "-1", "65536", "2147483648", "NaN", "Infinity", "debug", "warn", "127.0.0.1", "::1", "[::1]",
            "no.such.host.invalid", "1ms,2ms,3ms", "3ms,1ms", ",,,", "a.b.C#m", "a.b.C#m(int,long)", "a.b.C#<init>",
            "#", "C#", "#m", "a..b#m", "a.b.C#m(", "a.b.C#m(int", "a.b.C#m)", "**#**", "*#*(..)", "@a.b.Ann",
            "a b#c d", "target/report.json", "/dev/null", "/proc/1/mem", "\u0000", "\uFFFF", "\uD800", "ünïcödé",
            "\\", "\\u12", "\\uZZZZ", "=", "==", ":", "#comment", "!bang");

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

    @Property(tries = 400)
    void anyPropertiesFileGivesAConfigurationAndLocatedProblems(@ForAll("propertiesFiles") String content)
            throws IOException {
        Path file = dir.resolve("fuzz.properties");
        // getBytes replaces unpaired surrogates, which writeString would refuse
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));

        ConfigLoader.Result result = ConfigLoader.load("config=" + file, Map.of(), dir);

        assertThat(result.config()).isNotNull();
        assertThat(result.config().probes()).isNotNull();
        for (ConfigProblem problem : result.problems()) {
            assertLocated(problem);
        }
    }

    @Property(tries = 400)
    void anyBytesAsAPropertiesFileAreReadOrRefusedWithALocation(@ForAll byte[] content) throws IOException {
        Path file = dir.resolve("bytes.properties");
        Files.write(file, content);

        ConfigLoader.Result result = ConfigLoader.load("config=" + file, Map.of(), dir);

        assertThat(result.config()).isNotNull();
        result.problems().forEach(ConfigurationFuzzTest::assertLocated);
    }

    @Property(tries = 400)
    void anyAgentArgumentsGiveAConfigurationAndLocatedProblems(@ForAll("agentArguments") String arguments) {
        ConfigLoader.Result result = ConfigLoader.load(arguments, Map.of(), dir);

        assertThat(result.config()).isNotNull();
        result.problems().forEach(ConfigurationFuzzTest::assertLocated);
    }

    @Property(tries = 300)
    void anySystemPropertiesGiveAConfigurationAndLocatedProblems(@ForAll("keys") String key,
                                                                 @ForAll("values") String value) {
        ConfigLoader.Result result = ConfigLoader.load(null, Map.of(ConfigLoader.SYSTEM_PROPERTY_PREFIX + key, value), dir);

        assertThat(result.config()).isNotNull();
        result.problems().forEach(ConfigurationFuzzTest::assertLocated);
    }

    private static void assertLocated(ConfigProblem problem) {
        assertThat(problem.location()).as("location of %s", problem).isNotBlank();
        assertThat(problem.message()).as("message of %s", problem).isNotBlank();
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.strings().ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(Arbitraries.of(VALUES), Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789.,-+eE%msunhKiBM #()*<>").ofMaxLength(30));
    }

    @Provide
    Arbitrary<String> propertiesFiles() {
        Arbitrary<String> separator = Arbitraries.of(" = ", "=", ": ", " ", "\t=\t", " := ");
        Arbitrary<String> setting = Combinators.combine(keys(), separator, values()).as((k, s, v) -> k + s + v);
        Arbitrary<String> line = Arbitraries.oneOf(setting, setting, setting,
                Arbitraries.of("# a comment", "! another", "", "   ", "\\", "key \\", "  continued"),
                Arbitraries.strings().ofMaxLength(60));
        Arbitrary<String> lineEnd = Arbitraries.of("\n", "\r\n", "\r", "\\\n");
        return Combinators.combine(line, lineEnd).as(String::concat).list().ofMaxSize(30)
                .map(lines -> String.join("", lines));
    }

    @Provide
    Arbitrary<String> agentArguments() {
        Arbitrary<String> argument = Arbitraries.oneOf(
                Combinators.combine(keys(), values()).as((k, v) -> k + "=" + v),
                Arbitraries.strings().ofMaxLength(30));
        return argument.list().ofMaxSize(8).map(arguments -> String.join(",", arguments));
    }
}
