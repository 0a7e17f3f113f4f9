package io.perfweave.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private ConfigLoader.Result load(String agentArgs) {
        return load(agentArgs, Map.of());
    }

    private ConfigLoader.Result load(String agentArgs, Map<String, String> systemProperties) {
        return ConfigLoader.load(agentArgs, systemProperties, dir);
    }

    @Test
    void withoutAnySettingEverythingHasItsDefault() {
        ConfigLoader.Result result = load(null);
        AgentConfig config = result.config();

        assertThat(result.problems()).isEmpty();
        assertThat(config.reporterIntervalNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        assertThat(config.jsonReport()).isEmpty();
        assertThat(config.consoleIntervalTable()).isTrue();
        assertThat(config.consoleFinalTable()).isTrue();
        assertThat(config.logLevel()).isEqualTo("info");
        assertThat(config.logFile()).isEmpty();
        assertThat(config.ringCapacity()).isEqualTo(16_384);
        assertThat(config.significantDigits()).isEqualTo(2);
        assertThat(config.shutdownTimeoutNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(5));
        assertThat(config.probes()).isEmpty();
        assertThat(config.source()).isEqualTo("no configuration file");
    }

    @Test
    void configWatchNeedsAFileToWatch() throws IOException {
        Path file = write("watched.properties", "config.watch = true");
        ConfigLoader.Result watched = load("config=" + file);
        assertThat(watched.problems()).isEmpty();
        assertThat(watched.config().configWatch()).isTrue();
        assertThat(watched.config().configFile()).contains(file);

        ConfigLoader.Result noFile = load("config.watch=true");
        assertThat(noFile.config().configWatch()).isFalse();
        assertThat(noFile.problems()).extracting(ConfigProblem::toString)
                .containsExactly("agent argument 1 ('config.watch=true'): config.watch: there is no configuration file"
                        + " to watch; name one with config=<file>");
        assertThat(load(null).config().configWatch()).isFalse();
    }

    @Test
    void readsEveryKeyFromTheFile() throws IOException {
        Path file = write("perfweave.properties",
                "# the sample",
                "probe.checkout.method = com.acme.Checkout#process",
                "probe.parse.method = com.acme.Parser#parse(String)",
                "reporter.interval = 250ms",
                "report.json = out/report.json",
                "report.console = false",
                "report.console.final = FALSE",
                "log.level = DEBUG",
                "log.file = logs/perfweave.log",
                "ring.capacity = 1_024",
                "histogram.significantDigits = 3",
                "shutdown.timeout = 2s");

        ConfigLoader.Result result = load("config=perfweave.properties");
        AgentConfig config = result.config();

        assertThat(result.problems()).isEmpty();
        assertThat(config.source()).isEqualTo(file.toString());
        assertThat(config.reporterIntervalNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
        assertThat(config.jsonReport()).contains(dir.resolve("out/report.json"));
        assertThat(config.consoleIntervalTable()).isFalse();
        assertThat(config.consoleFinalTable()).isFalse();
        assertThat(config.logLevel()).isEqualTo("debug");
        assertThat(config.logFile()).contains(dir.resolve("logs/perfweave.log"));
        assertThat(config.ringCapacity()).isEqualTo(1024);
        assertThat(config.significantDigits()).isEqualTo(3);
        assertThat(config.shutdownTimeoutNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(2));
        assertThat(config.probes()).extracting(ProbeSpec::id, ProbeSpec::name, p -> p.pattern().toString())
                .containsExactly(
                        tuple(0, "checkout", "com.acme.Checkout#process"),
                        tuple(1, "parse", "com.acme.Parser#parse(String)"));
    }

    @Test
    void agentArgumentsOverrideTheFileAndSystemPropertiesOverrideBoth() throws IOException {
        write("perfweave.properties",
                "reporter.interval = 5s",
                "shutdown.timeout = 7s",
                "log.level = warn",
                "probe.a.method = com.acme.FromFile#a");

        ConfigLoader.Result result = load(
                "config=perfweave.properties,reporter.interval=3s,shutdown.timeout=4s,probe.a.method=com.acme.FromArgs#a",
                Map.of("perfweave.shutdown.timeout", "9s", "unrelated.property", "x", "perfweave.", "ignored"));
        AgentConfig config = result.config();

        assertThat(result.problems()).isEmpty();
        assertThat(config.logLevel()).isEqualTo("warn");
        assertThat(config.reporterIntervalNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(3));
        assertThat(config.shutdownTimeoutNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(9));
        assertThat(config.probes()).singleElement()
                .satisfies(p -> assertThat(p.pattern().matchesType("com.acme.FromArgs")).isTrue());
    }

    @Test
    void theFileMayBeNamedByASystemProperty() throws IOException {
        write("from-property.properties", "reporter.interval = 20ms");

        ConfigLoader.Result result = load(null, Map.of("perfweave.config", "from-property.properties"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.config().reporterIntervalNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
    }

    @Test
    void commasInsideAParameterListDoNotSplitAgentArguments() {
        ConfigLoader.Result result = load(
                "probe.a.method=com.acme.A#m(int, long, java.lang.String[]),report.console=false");

        assertThat(result.problems()).isEmpty();
        assertThat(result.config().consoleIntervalTable()).isFalse();
        MethodPattern pattern = result.config().probes().get(0).pattern();
        assertThat(pattern.matchesMethod("m", List.of("int", "long", "java.lang.String[]"))).isTrue();
        assertThat(pattern.matchesMethod("m", List.of("int"))).isFalse();
    }

    @Test
    void splitArgumentsKeepsParenthesesTogetherAndDropsBlanks() {
        assertThat(ConfigLoader.splitArguments("a=1,, b=A#m(int,long) ,c=2,"))
                .containsExactly("a=1", "b=A#m(int,long)", "c=2");
    }

    @Test
    void sampleTimesOneCallInNAndDefaultsToEveryCall() {
        ConfigLoader.Result result = load("probe.hot.method=com.acme.Hot#run,probe.hot.sample=1/16,"
                + "probe.all.method=com.acme.All#run");

        assertThat(result.problems()).isEmpty();
        assertThat(result.config().probes()).extracting(ProbeSpec::name, ProbeSpec::samplePeriod)
                .containsExactly(tuple("hot", 16), tuple("all", 1));
    }

    @Test
    void aBadSamplingRateIsAProblemAndTheProbeTimesEveryCall() {
        for (String bad : new String[] {"16", "1/0", "2/16", "1/x", "1/2000000", "0.5"}) {
            ConfigLoader.Result result = load("probe.hot.method=com.acme.Hot#run,probe.hot.sample=" + bad);

            assertThat(result.problems()).as(bad).singleElement().satisfies(p -> {
                assertThat(p.key()).isEqualTo("probe.hot.sample");
                assertThat(p.message()).contains("'" + bad + "' is not a sampling rate: use 1/N");
            });
            assertThat(result.config().probes()).singleElement().extracting(ProbeSpec::samplePeriod).isEqualTo(1);
        }
    }

    @Test
    void aSamplingRateWithoutAProbeMethodIsAProblem() {
        ConfigLoader.Result result = load("probe.hot.sample=1/16");

        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("probe 'hot' has no method"));
    }

    @Test
    void priorityDefaultsToNormalAndAdaptiveIsOffWithTheDocumentedRates() {
        ConfigLoader.Result result = load("probe.hot.method=com.acme.Hot#run,probe.hot.priority=LOW,"
                + "probe.key.method=com.acme.Key#run,probe.key.priority=high,probe.all.method=com.acme.All#run");

        assertThat(result.problems()).isEmpty();
        assertThat(result.config().probes()).extracting(ProbeSpec::name, ProbeSpec::priority)
                .containsExactly(tuple("hot", ProbePriority.LOW), tuple("key", ProbePriority.HIGH),
                        tuple("all", ProbePriority.NORMAL));
        assertThat(result.config().adaptive()).isEqualTo(new AdaptiveSettings(false, 4, 16, 16, 64));
        assertThat(result.config().adaptive().adapts(result.config().probes().get(0))).isFalse();
    }

    @Test
    void adaptiveTakesItsRatesAndLeavesHighPriorityProbesAlone() {
        ConfigLoader.Result result = load("adaptive=true,adaptive.normal.orange=1/2,adaptive.normal.red=1/8,"
                + "adaptive.low.orange=1/8,adaptive.low.red=1/128,probe.key.method=com.acme.Key#run,"
                + "probe.key.priority=high,probe.all.method=com.acme.All#run");

        assertThat(result.problems()).isEmpty();
        AdaptiveSettings adaptive = result.config().adaptive();
        assertThat(adaptive).isEqualTo(new AdaptiveSettings(true, 2, 8, 8, 128));
        assertThat(result.config().probes()).extracting(adaptive::adapts).containsExactly(false, true);
    }

    @Test
    void aBadPriorityOrAdaptiveRateIsAProblemWithItsKeyAndTheDefaultStands() {
        ConfigLoader.Result result = load("probe.hot.method=com.acme.Hot#run,probe.hot.priority=urgent,"
                + "adaptive=yes,adaptive.low.red=64");

        assertThat(result.problems()).extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder("probe.hot.priority", "adaptive", "adaptive.low.red");
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.message())
                .contains("'urgent' is not a priority: use high, normal or low"));
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.message())
                .contains("'64' is not a sampling rate: use 1/N"));
        assertThat(result.config().probes()).singleElement().extracting(ProbeSpec::priority).isEqualTo(ProbePriority.NORMAL);
        assertThat(result.config().adaptive()).isEqualTo(AdaptiveSettings.DEFAULT);
    }

    @Test
    void adaptiveRatesThatTimeMoreCallsAsPressureRisesAreAProblem() throws IOException {
        Path file = write("perfweave.properties", "adaptive = true", "adaptive.normal.orange = 1/32",
                "adaptive.normal.red = 1/8");
        ConfigLoader.Result result = load("config=" + file);

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("adaptive.*");
            assertThat(p.location()).isEqualTo(file + ":2");
            assertThat(p.message()).contains("must not rise from orange to red").contains("normal orange 1/32, red 1/8");
        });
        assertThat(result.config().adaptive()).isEqualTo(new AdaptiveSettings(true, 4, 16, 16, 64));
    }

    @Test
    void aPriorityWithoutAProbeMethodIsAProblem() {
        ConfigLoader.Result result = load("probe.hot.priority=high");

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("probe.hot.priority");
            assertThat(p.message()).contains("probe 'hot' has no method");
        });
    }

    @Test
    void anAgentArgumentWithoutEqualsIsAProblem() {
        ConfigLoader.Result result = load("report.console=false,verbose");

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("agent argument 2 ('verbose')");
            assertThat(p.message()).contains("key=value");
        });
        assertThat(result.config().consoleIntervalTable()).isFalse();
    }

    @Test
    void anUnknownProbeKeyNamesFileLineAndKeyAndSuggestsTheRightOne() throws IOException {
        Path file = write("perfweave.properties",
                "probe.checkout.method = com.acme.Checkout#process",
                "",
                "probe.checkout.metod = com.acme.Checkout#process");

        ConfigLoader.Result result = load("config=perfweave.properties");

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(file + ":3");
            assertThat(p.key()).isEqualTo("probe.checkout.metod");
            assertThat(p.message()).contains("unknown key").contains("did you mean 'probe.checkout.method'");
            assertThat(p.toString()).startsWith(file + ":3: probe.checkout.metod: unknown key");
        });
        assertThat(result.config().probes()).hasSize(1);
    }

    @Test
    void anUnknownGlobalKeyGetsASuggestion() throws IOException {
        Path file = write("perfweave.properties", "reporter.intervall = 2s");

        ConfigLoader.Result result = load("config=perfweave.properties");

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(file + ":1");
            assertThat(p.key()).isEqualTo("reporter.intervall");
            assertThat(p.message()).contains("did you mean 'reporter.interval'");
        });
        assertThat(result.config().reporterIntervalNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void anUnknownKeyFarFromEveryKnownOneGetsNoSuggestion() {
        ConfigLoader.Result result = load("completely.different=1");

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("unknown key").doesNotContain("did you mean");
            assertThat(p.location()).startsWith("agent argument 1");
        });
    }

    @Test
    void anUnknownSystemPropertyIsLocatedAsSuch() {
        ConfigLoader.Result result = load(null, Map.of("perfweave.report.jsn", "r.json"));

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("system property perfweave.report.jsn");
            assertThat(p.message()).contains("did you mean 'report.json'");
        });
    }

    @Test
    void badValuesKeepTheDefaultAndAreReported() throws IOException {
        Path file = write("perfweave.properties",
                "reporter.interval = fast",
                "report.console = yes",
                "ring.capacity = lots",
                "histogram.significantDigits = 9",
                "shutdown.timeout = 5 fortnights",
                "log.level = loud");

        ConfigLoader.Result result = load("config=perfweave.properties");
        AgentConfig config = result.config();

        assertThat(config.reporterIntervalNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        assertThat(config.consoleIntervalTable()).isTrue();
        assertThat(config.ringCapacity()).isEqualTo(16_384);
        assertThat(config.significantDigits()).isEqualTo(2);
        assertThat(config.shutdownTimeoutNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(5));
        assertThat(config.logLevel()).isEqualTo("info");
        assertThat(result.problems())
                .extracting(ConfigProblem::location, ConfigProblem::key)
                .containsExactlyInAnyOrder(
                        tuple(file + ":1", "reporter.interval"),
                        tuple(file + ":2", "report.console"),
                        tuple(file + ":3", "ring.capacity"),
                        tuple(file + ":4", "histogram.significantDigits"),
                        tuple(file + ":5", "shutdown.timeout"),
                        tuple(file + ":6", "log.level"));
        assertThat(messageFor(result, "reporter.interval")).contains("'fast' is not a duration").endsWith("using the default, 1s");
        assertThat(messageFor(result, "report.console")).contains("'yes' is not a boolean").endsWith("using the default, true");
        assertThat(messageFor(result, "ring.capacity")).contains("'lots' is not a whole number").endsWith("using the default, 16384");
        assertThat(messageFor(result, "histogram.significantDigits")).contains("out of range").endsWith("using the default, 2");
        assertThat(messageFor(result, "shutdown.timeout")).contains("unknown unit").endsWith("using the default, 5s");
        assertThat(messageFor(result, "log.level")).contains("'loud' is not a log level");
    }

    @Test
    void aReporterIntervalBelowTheMinimumIsRejected() {
        ConfigLoader.Result result = load("reporter.interval=1ms");

        assertThat(result.config().reporterIntervalNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        assertThat(messageFor(result, "reporter.interval")).contains("at least 10ms");
    }

    private static String messageFor(ConfigLoader.Result result, String key) {
        return result.problems().stream().filter(p -> key.equals(p.key())).findFirst().orElseThrow().message();
    }

    @Test
    void aMalformedPatternIsReportedAndTheOtherProbesGetDenseIds() throws IOException {
        Path file = write("perfweave.properties",
                "probe.first.method = com.acme.A#first",
                "probe.broken.method = com.acme.B.missingHash",
                "probe.second.method = com.acme.C#second(int",
                "probe.third.method = com.acme.D#third");

        ConfigLoader.Result result = load("config=perfweave.properties");

        assertThat(result.problems()).extracting(ConfigProblem::location, ConfigProblem::key).containsExactly(
                tuple(file + ":2", "probe.broken.method"),
                tuple(file + ":3", "probe.second.method"));
        assertThat(result.problems().get(0).message())
                .contains("malformed method pattern 'com.acme.B.missingHash'")
                .contains("expected <class>#<method>");
        assertThat(result.config().probes()).extracting(ProbeSpec::id, ProbeSpec::name)
                .containsExactly(tuple(0, "first"), tuple(1, "third"));
    }

    @Test
    void anInvalidProbeNameIsReported() {
        ConfigLoader.Result result = load("probe.check out.method=com.acme.A#a");

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("probe.check out.method");
            assertThat(p.message()).contains("'check out' is not a valid probe name");
        });
        assertThat(result.config().probes()).isEmpty();
    }

    @Test
    void aProbeWithoutAMethodKeyIsReportedAndNotCreated() {
        ConfigLoader.Result result = load("probe.checkout.methods=com.acme.A#a,probe.empty.method=");

        assertThat(result.config().probes()).isEmpty();
        assertThat(result.problems()).extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder("probe.checkout.methods", "probe.empty.method");
        assertThat(messageFor(result, "probe.checkout.methods")).contains("did you mean 'probe.checkout.method'");
        assertThat(messageFor(result, "probe.empty.method")).contains("malformed method pattern");
    }

    @Test
    void aMissingFileIsReportedWithTheFileAndTheAgentArgumentThatNamedIt() {
        ConfigLoader.Result result = load("config=nowhere/missing.properties,report.console=false");

        Path missing = dir.resolve("nowhere/missing.properties");
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("agent argument 1 ('config=nowhere/missing.properties')");
            assertThat(p.key()).isEqualTo("config");
            assertThat(p.message()).contains("not found").contains(missing.toString());
        });
        assertThat(result.config().source()).contains(missing.toString()).contains("not found");
        assertThat(result.config().consoleIntervalTable()).isFalse();
    }

    @Test
    void anEmptyConfigValueIsAProblem() {
        ConfigLoader.Result result = load("config=");

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("config");
            assertThat(p.message()).contains("no file named");
        });
    }

    @Test
    void aFileCannotNameAnotherFile() throws IOException {
        Path file = write("perfweave.properties",
                "report.console = false",
                "config = other.properties");
        write("other.properties", "report.console.final = false");

        ConfigLoader.Result result = load("config=perfweave.properties");

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(file + ":2");
            assertThat(p.key()).isEqualTo("config");
            assertThat(p.message()).contains("cannot name another one");
        });
        assertThat(result.config().consoleIntervalTable()).isFalse();
        assertThat(result.config().consoleFinalTable()).isTrue();
        assertThat(result.config().source()).isEqualTo(file.toString());
    }

    @Test
    void problemsOfTheFileReaderAreCarriedOver() throws IOException {
        Path file = write("perfweave.properties",
                "report.console = \\uZZZZ",
                "report.console.final = false");

        ConfigLoader.Result result = load("config=perfweave.properties");

        assertThat(result.problems()).singleElement()
                .satisfies(p -> assertThat(p.location()).isEqualTo(file + ":1"));
        assertThat(result.config().consoleFinalTable()).isFalse();
    }

    @Test
    void anEmptyPathSettingMeansNone() {
        ConfigLoader.Result result = load("report.json=,log.file=");

        assertThat(result.problems()).isEmpty();
        assertThat(result.config().jsonReport()).isEqualTo(Optional.empty());
        assertThat(result.config().logFile()).isEqualTo(Optional.empty());
    }

    @Test
    void allocationsAreMeasuredOnlyForTheProbesThatAskForIt() throws IOException {
        write("perfweave.properties",
                "probe.checkout.method = com.acme.Checkout#process",
                "probe.checkout.allocations = true",
                "probe.parse.method = com.acme.Parser#parse",
                "probe.parse.allocations = FALSE",
                "probe.idle.method = com.acme.Idle#*");

        ConfigLoader.Result result = load("config=perfweave.properties,probe.idle.allocations=True");

        assertThat(result.problems()).isEmpty();
        assertThat(result.config().probes()).extracting(ProbeSpec::name, ProbeSpec::allocations).containsExactly(
                tuple("checkout", true), tuple("parse", false), tuple("idle", true));
    }

    @Test
    void anAllocationsValueThatIsNotABooleanIsReportedAndTheProbeOnlyTimes() {
        ConfigLoader.Result result = load("probe.checkout.method=com.acme.Checkout#process,probe.checkout.allocations=yes");

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("probe.checkout.allocations");
            assertThat(p.location()).isEqualTo("agent argument 2 ('probe.checkout.allocations=yes')");
            assertThat(p.message()).contains("'yes' is not a boolean").endsWith("using the default, false");
        });
        assertThat(result.config().probes()).singleElement().satisfies(probe -> {
            assertThat(probe.name()).isEqualTo("checkout");
            assertThat(probe.allocations()).isFalse();
        });
    }

    @Test
    void allocationsForAProbeWithoutAMethodAreReported() {
        ConfigLoader.Result result = load("probe.checkout.method=com.acme.Checkout#process,probe.chekout.allocations=true");

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("probe.chekout.allocations");
            assertThat(p.message()).contains("probe 'chekout' has no method")
                    .contains("probe.chekout.method");
        });
        assertThat(result.config().probes()).extracting(ProbeSpec::name, ProbeSpec::allocations)
                .containsExactly(tuple("checkout", false));
    }

    @Test
    void aMisspelledAllocationsKeySuggestsTheRightOne() {
        ConfigLoader.Result result = load("probe.checkout.method=com.acme.Checkout#process,probe.checkout.allocation=true");

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("probe.checkout.allocation");
            assertThat(p.message()).contains("unknown key").contains("did you mean 'probe.checkout.allocations'");
        });
        assertThat(result.config().probes()).extracting(ProbeSpec::allocations).containsExactly(false);
    }

    @Test
    void prometheusAndTheIntervalLogAreOffUnlessConfigured() {
        AgentConfig config = load(null).config();

        assertThat(config.prometheus().port()).isEmpty();
        assertThat(config.prometheus().host()).isEqualTo("127.0.0.1");
        assertThat(config.prometheus().bucketBoundsNanos()).isEqualTo(PrometheusConfig.DEFAULT_BUCKETS_NANOS)
                .isSorted().doesNotHaveDuplicates();
        assertThat(config.prometheus().summaryWindowNanos()).isEqualTo(TimeUnit.MINUTES.toNanos(1));
        assertThat(config.hlogReport()).isEmpty();
    }

    @Test
    void readsThePrometheusKeysAndTheIntervalLog() throws IOException {
        write("perfweave.properties",
                "prometheus.port = 9464",
                "prometheus.host = 0.0.0.0",
                "prometheus.buckets = 500us, 1ms 2.5ms,10ms",
                "prometheus.summary.window = 5m",
                "report.hlog = out/latency.hlog");

        ConfigLoader.Result result = load("config=perfweave.properties");
        PrometheusConfig prometheus = result.config().prometheus();

        assertThat(result.problems()).isEmpty();
        assertThat(prometheus.port()).hasValue(9464);
        assertThat(prometheus.host()).isEqualTo("0.0.0.0");
        assertThat(prometheus.bucketBoundsNanos()).containsExactly(500_000L, 1_000_000L, 2_500_000L, 10_000_000L);
        assertThat(prometheus.summaryWindowNanos()).isEqualTo(TimeUnit.MINUTES.toNanos(5));
        assertThat(result.config().hlogReport()).contains(dir.resolve("out/latency.hlog"));
    }

    @Test
    void hostsMayBeNamesOrAddressesOfEitherFamily() {
        assertThat(load("prometheus.host=localhost").config().prometheus().host()).isEqualTo("localhost");
        assertThat(load("prometheus.host=metrics-1.internal.example").config().prometheus().host())
                .isEqualTo("metrics-1.internal.example");
        assertThat(load("prometheus.host=::1").config().prometheus().host()).isEqualTo("::1");
        assertThat(load("prometheus.host=[::1]").config().prometheus().host()).isEqualTo("::1");
        assertThat(load("prometheus.host=10.0.0.7").config().prometheus().host()).isEqualTo("10.0.0.7");
    }

    @Test
    void theDashboardAndTheHtmlReportAreOffUnlessConfigured() {
        AgentConfig config = load(null).config();

        assertThat(config.dashboard().port()).isEmpty();
        assertThat(config.dashboard().host()).isEqualTo("127.0.0.1");
        assertThat(config.dashboard().token()).isEmpty();
        assertThat(config.htmlReport()).isEmpty();
    }

    @Test
    void readsTheDashboardKeysAndTheHtmlReport() throws IOException {
        write("perfweave.properties",
                "dashboard.port = 9465",
                "dashboard.host = [::1]",
                "dashboard.token = 3f9c.A_b~-",
                "report.html = out/perfweave.html");

        ConfigLoader.Result result = load("config=perfweave.properties");

        assertThat(result.problems()).isEmpty();
        assertThat(result.config().dashboard().port()).hasValue(9465);
        assertThat(result.config().dashboard().host()).isEqualTo("::1");
        assertThat(result.config().dashboard().token()).contains("3f9c.A_b~-");
        assertThat(result.config().htmlReport()).contains(dir.resolve("out/perfweave.html"));
        assertThat(load("dashboard.port=0").config().dashboard().port()).hasValue(0);
    }

    @Test
    void aBadDashboardTokenLeavesTheDashboardOffRatherThanOpen() {
        ConfigLoader.Result result = load("dashboard.port=9465,dashboard.token=has space");

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("dashboard.token");
            assertThat(p.message()).contains("letters, digits").endsWith("the dashboard is not started rather than served"
                    + " without the token");
        });
        assertThat(result.config().dashboard().port()).isEmpty();
        assertThat(load("dashboard.port=9465,dashboard.token=").config().dashboard().token()).as("empty: no token")
                .isEmpty();
    }

    @Test
    void badDashboardPortsAndHostsAreProblemsThatNameTheDashboardKeys() {
        assertThat(load("dashboard.port=65536").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("65536 is out of range: use 0 to 65535; using the default,"
                        + " no dashboard"));
        assertThat(load("dashboard.host=127.0.0.1:9465").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("set the port with dashboard.port"));
        assertThat(load("dashboard.prot=9465").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("did you mean 'dashboard.port'"));
    }

    @Test
    void aBadPortIsAProblemAtItsLocationAndLeavesTheEndpointOff() throws IOException {
        Path file = write("perfweave.properties", "# metrics", "prometheus.port = 70000");

        ConfigLoader.Result result = load("config=perfweave.properties");

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(file + ":2");
            assertThat(p.key()).isEqualTo("prometheus.port");
            assertThat(p.message()).isEqualTo("70000 is out of range: use 0 to 65535; using the default, no endpoint");
        });
        assertThat(result.config().prometheus().port()).isEmpty();
        assertThat(load("prometheus.port=http").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("'http' is not a whole number"));
    }

    @Test
    void aBadHostIsAProblemThatSaysWhatAHostLooksLike() {
        assertThat(load(null, java.util.Map.of("perfweave.prometheus.host", "127.0.0.1:9464")).problems())
                .singleElement().satisfies(p -> {
                    assertThat(p.location()).isEqualTo("system property perfweave.prometheus.host");
                    assertThat(p.message()).contains("'127.0.0.1:9464' is not a host name or IP address")
                            .contains("prometheus.port").endsWith("using the default, 127.0.0.1");
                });
        assertThat(load("prometheus.host=256.1.1.1").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("not an IPv4 address"));
        assertThat(load("prometheus.host=my_host").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("letters, digits and '-'"));
        assertThat(load("prometheus.host=*").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("use 0.0.0.0"));
        ConfigLoader.Result empty = load("prometheus.host=");
        assertThat(empty.problems()).singleElement().satisfies(p -> assertThat(p.message()).startsWith("no host given"));
        assertThat(empty.config().prometheus().host()).isEqualTo("127.0.0.1");
    }

    @Test
    void aBadBucketListNamesTheBoundaryAndKeepsTheDefaults() throws IOException {
        Path file = write("perfweave.properties", "prometheus.buckets = 1ms, 10ms, 5ms");

        ConfigLoader.Result result = load("config=perfweave.properties");

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(file + ":1");
            assertThat(p.key()).isEqualTo("prometheus.buckets");
            assertThat(p.message()).startsWith("boundary 3 ('5ms') is not greater than the one before it ('10ms')")
                    .endsWith("using the default, the default boundaries");
        });
        assertThat(result.config().prometheus().bucketBoundsNanos()).isEqualTo(PrometheusConfig.DEFAULT_BUCKETS_NANOS);

        assertThat(load("prometheus.buckets=1ms 2x").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("boundary 2: '2x' has an unknown unit 'x'"));
        assertThat(load("prometheus.buckets=1ms 1ms").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("without repeats"));
        assertThat(load("prometheus.buckets=0ms").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("must be longer than 0"));
        assertThat(load(null, java.util.Map.of("perfweave.prometheus.buckets", " ")).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("no bucket boundaries given"));
        assertThat(load("prometheus.buckets=" + "1ms ".repeat(101)).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("at most 100"));
    }

    @Test
    void aBucketListInAnAgentArgumentIsSeparatedBySpaces() {
        ConfigLoader.Result result = load("prometheus.buckets=1ms 10ms 100ms,report.console=false");

        assertThat(result.problems()).isEmpty();
        assertThat(result.config().prometheus().bucketBoundsNanos()).containsExactly(1_000_000L, 10_000_000L, 100_000_000L);
    }

    @Test
    void aSummaryWindowShorterThanTenMillisecondsIsAProblem() {
        assertThat(load("prometheus.summary.window=1ms").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("must be at least 10ms"));
    }

    @Test
    void aPathThePlatformCannotRepresentIsALocatedProblemNotAnException() {
        ConfigLoader.Result result = load("report.json=out\u0000.json,config=a\u0000b");

        assertThat(result.config().jsonReport()).isEmpty();
        assertThat(result.problems()).extracting(ConfigProblem::key).containsExactlyInAnyOrder("report.json", "config");
        assertThat(result.problems()).allSatisfy(p -> assertThat(p.message())
                .contains("is not a valid path").contains("\\u0000").doesNotContain("\u0000"));
    }

    @Test
    void jvmHealthAndOverheadHaveDefaults() {
        HealthSettings health = load(null).config().health();

        assertThat(health).isEqualTo(HealthSettings.DEFAULT);
        assertThat(health.yellow()).isEqualTo(0.60);
        assertThat(health.critical()).isEqualTo(0.95);
        assertThat(health.leakWindowNanos()).isEqualTo(TimeUnit.MINUTES.toNanos(5));
        assertThat(health.overheadBudget()).isNaN();
    }

    @Test
    void readsThePressureThresholdsTheLeakWindowAndTheOverheadBudget() {
        ConfigLoader.Result result = load("pressure.yellow=50%,pressure.orange=70,pressure.red=80%,pressure.critical=90%,"
                + "pressure.hysteresis=2.5%,leak.window=30s,agent.budget.overhead=1%");

        assertThat(result.problems()).isEmpty();
        assertThat(result.config().health()).isEqualTo(new HealthSettings(0.5, 0.7, 0.8, 0.9, 0.025,
                TimeUnit.SECONDS.toNanos(30), 0.01));
    }

    @Test
    void thresholdsOutOfOrderFallBackToTheDefaultsWithOneProblem() {
        ConfigLoader.Result result = load("pressure.yellow=80%,pressure.orange=70%");

        assertThat(result.problems()).extracting(ConfigProblem::location, ConfigProblem::key)
                .containsExactly(tuple("agent argument 1 ('pressure.yellow=80%')", "pressure.*"));
        assertThat(result.problems().get(0).message()).contains("must increase from yellow to critical (yellow 80%,"
                + " orange 70%, red 85%, critical 95%); using the defaults");
        assertThat(result.config().health().yellow()).isEqualTo(0.60);
        assertThat(result.config().health().orange()).isEqualTo(0.75);
    }

    @Test
    void badHealthValuesAreReportedAndKeepTheirDefaults() {
        ConfigLoader.Result result = load("pressure.red=120%,leak.window=10ms,agent.budget.overhead=lots,"
                + "pressure.hysteresis=70%");

        assertThat(result.problems()).extracting(ConfigProblem::key).containsExactlyInAnyOrder("pressure.red",
                "pressure.hysteresis", "leak.window", "agent.budget.overhead");
        assertThat(result.problems()).extracting(ConfigProblem::message).anySatisfy(m -> assertThat(m)
                .isEqualTo("'120%' is out of range: use 0% to 100%; using the default, 85%"));
        assertThat(result.problems()).extracting(ConfigProblem::message).anySatisfy(m -> assertThat(m)
                .isEqualTo("must be below pressure.yellow (60%); using the default, 5%"));
        assertThat(result.config().health().hysteresis()).isEqualTo(0.05);
        assertThat(result.config().health().leakWindowNanos()).isEqualTo(HealthSettings.DEFAULT_LEAK_WINDOW_NANOS);
        assertThat(result.config().health().overheadBudget()).isNaN();
    }
}
