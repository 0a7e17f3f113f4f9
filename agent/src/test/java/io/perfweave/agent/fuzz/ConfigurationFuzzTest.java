package io.perfweave.agent.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.config.ConfigProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a user writes into the configuration, the loader returns a configuration to run with and
 * a list of problems that each say where they are; it never throws. The inputs are built from the
 * real keys with valid, borderline and hostile values, so that most cases reach the value parsers
 * instead of stopping at "unknown key".
 *
 * <p>A hang fails the case: each one runs on a thread of its own and is given up after its time
 * (far more than any case takes), even if it never looks at an interrupt.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConfigurationFuzzTest {

    private static final List<String> KEYS = List.of("reporter.interval", "report.json", "report.console",
            "report.console.final", "log.level", "log.file", "ring.capacity", "histogram.significantDigits",
            "shutdown.timeout", "profiled.classes", "report.hlog", "prometheus.port", "prometheus.host",
            "prometheus.buckets", "prometheus.summary.window", "baseline.save", "baseline.label",
            "baseline.compare", "baseline.tolerance", "baseline.minSamples", "baseline.tailTolerance",
            "baseline.minChange", "dashboard.port", "dashboard.host", "dashboard.token", "report.html",
            "probe.p.method", "probe.p.allocations", "probe.p.annotated", "probe.p.sample",
            "probe.p.baseline.tolerance", "probe.p.baseline.minChange", "probe.q-1.method", "probe..method",
            "probe.p", "probe.\u00fcn\u00ef.method", "config");

    private static final List<String> VALUES = List.of("", " ", "1s", "0s", "-1s", "1.5ms", "0.0000001ns",
            "99999999999999999999h", "1e9s", "10 MS", "true", "false", "TRUE", "yes", "20%", "-5%", "1000%",
            "0", "-1", "65536", "2147483648", "NaN", "Infinity", "debug", "warn", "127.0.0.1", "::1", "[::1]",
            "no.such.host.invalid", "1ms,2ms,3ms", "3ms,1ms", ",,,", "a.b.C#m", "a.b.C#m(int,long)", "a.b.C#<init>",
            "#", "C#", "#m", "a..b#m", "a.b.C#m(", "a.b.C#m(int", "a.b.C#m)", "**#**", "*#*(..)", "@a.b.Ann",
            "a b#c d", "1/16", "1/0", "0/1", "1/-3", "1/99999999999", "target/report.json", "/dev/null",
            "\u0000", "\uffff", "\ud800", "\\", "\\u12", "\\uZZZZ", "=", "==", ":", "#comment", "!bang");

    @TempDir
    Path dir;

    static Stream<Long> files() {
        return Inputs.seeds(1, 400);
    }

    static Stream<Long> arguments() {
        return Inputs.seeds(2, 400);
    }

    static Stream<Long> byteFiles() {
        return Inputs.seeds(3, 200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("files")
    void anyPropertiesFileGivesAConfigurationAndLocatedProblems(long seed) throws IOException {
        Inputs in = new Inputs(seed);
        StringBuilder content = new StringBuilder();
        for (int line = in.between(0, 30); line > 0; line--) {
            content.append(line(in)).append(in.oneOf(List.of("\n", "\r\n", "\r", "\\\n")));
        }
        Path file = dir.resolve("fuzz.properties");
        // getBytes replaces unpaired surrogates, which writeString would refuse
        Files.write(file, content.toString().getBytes(StandardCharsets.UTF_8));

        assertValid(ConfigLoader.load("config=" + file, Map.of(), dir), seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("byteFiles")
    void anyBytesAsAPropertiesFileGiveAConfigurationAndLocatedProblems(long seed) throws IOException {
        Path file = dir.resolve("bytes.properties");
        Files.write(file, new Inputs(seed).bytes(2_000));

        assertValid(ConfigLoader.load("config=" + file, Map.of(), dir), seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("arguments")
    void anyAgentArgumentsAndSystemPropertiesGiveAConfigurationAndLocatedProblems(long seed) {
        Inputs in = new Inputs(seed);
        List<String> arguments = new ArrayList<>();
        for (int i = in.between(0, 8); i > 0; i--) {
            arguments.add(in.chance(80) ? key(in) + "=" + value(in) : in.text(30));
        }
        Map<String, String> properties = Map.of(ConfigLoader.SYSTEM_PROPERTY_PREFIX + key(in), value(in));

        assertValid(ConfigLoader.load(String.join(",", arguments), properties, dir), seed);
    }

    private static void assertValid(ConfigLoader.Result result, long seed) {
        assertThat(result.config()).as("seed %d", seed).isNotNull();
        assertThat(result.config().probes()).isNotNull();
        for (ConfigProblem problem : result.problems()) {
            assertThat(problem.location()).as("location of %s (seed %d)", problem, seed).isNotBlank();
            assertThat(problem.message()).as("message of %s (seed %d)", problem, seed).isNotBlank();
        }
    }

    private static String line(Inputs in) {
        int kind = in.between(0, 9);
        if (kind < 7) {
            return key(in) + in.oneOf(List.of(" = ", "=", ": ", " ", "\t=\t", " := ")) + value(in);
        }
        if (kind < 9) {
            return in.oneOf(List.of("# a comment", "! another", "", "   ", "\\", "key \\", "  continued"));
        }
        return in.text(60);
    }

    private static String key(Inputs in) {
        return in.chance(85) ? in.oneOf(KEYS) : in.text(20);
    }

    private static String value(Inputs in) {
        int kind = in.between(0, 9);
        if (kind < 6) {
            return in.oneOf(VALUES);
        }
        if (kind < 8) {
            return Long.toString(in.anyLong()) + in.oneOf(List.of("", "ms", "s", "%", "KiB", "ns"));
        }
        return in.text(40);
    }
}
