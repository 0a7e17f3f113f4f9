package io.perfweave.agent.config;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Builds the {@link AgentConfig} from its three sources, each overriding the one before: the
 * properties file, the agent arguments ({@code -javaagent:perfweave-agent.jar=config=...,key=value}),
 * and {@code -Dperfweave.<key>=value} system properties.
 *
 * <p>Loading never fails: every problem (unknown key, bad value, malformed pattern, missing file)
 * is collected with its location and the setting falls back to its default, so that the valid part
 * of a configuration still takes effect and the application always starts.
 */
public final class ConfigLoader {

    public static final String SYSTEM_PROPERTY_PREFIX = "perfweave.";
    public static final String CONFIG_KEY = "config";

    static final String REPORTER_INTERVAL = "reporter.interval";
    static final String REPORT_JSON = "report.json";
    static final String REPORT_CONSOLE = "report.console";
    static final String REPORT_CONSOLE_FINAL = "report.console.final";
    static final String LOG_LEVEL = "log.level";
    static final String LOG_FILE = "log.file";
    static final String RING_CAPACITY = "ring.capacity";
    static final String HISTOGRAM_DIGITS = "histogram.significantDigits";
    static final String SHUTDOWN_TIMEOUT = "shutdown.timeout";
    static final String PROFILED_CLASSES = "profiled.classes";
    static final String REPORT_HLOG = "report.hlog";
    static final String PROMETHEUS_PORT = "prometheus.port";
    static final String PROMETHEUS_HOST = "prometheus.host";
    static final String PROMETHEUS_BUCKETS = "prometheus.buckets";
    static final String PROMETHEUS_SUMMARY_WINDOW = "prometheus.summary.window";
    static final String DASHBOARD_PORT = "dashboard.port";
    static final String DASHBOARD_HOST = "dashboard.host";
    static final String DASHBOARD_TOKEN = "dashboard.token";
    static final String REPORT_HTML = "report.html";
    static final String BASELINE_SAVE = "baseline.save";
    static final String BASELINE_LABEL = "baseline.label";
    static final String BASELINE_COMPARE = "baseline.compare";
    static final String BASELINE_TOLERANCE = "baseline.tolerance";
    static final String BASELINE_MIN_SAMPLES = "baseline.minSamples";
    static final String BASELINE_TAIL_TOLERANCE = "baseline.tailTolerance";
    static final String BASELINE_MIN_CHANGE = "baseline.minChange";
    static final String BUDGET_PREFIX = "budget.";
    static final String BUDGET_DEFAULT_PREFIX = "budget.default.";
    static final String BUDGET_WINDOW = "budget.window";
    static final String BUDGET_MIN_SAMPLES = "budget.minSamples";
    static final String BUDGET_HYSTERESIS = "budget.hysteresis";
    static final String ANOMALY_ENABLED = "anomaly.enabled";
    static final String ANOMALY_THRESHOLD = "anomaly.threshold";
    static final String ANOMALY_HISTORY = "anomaly.history";
    static final String ANOMALY_MIN_SAMPLES = "anomaly.minSamples";
    static final String PRESSURE_YELLOW = "pressure.yellow";
    static final String PRESSURE_ORANGE = "pressure.orange";
    static final String PRESSURE_RED = "pressure.red";
    static final String PRESSURE_CRITICAL = "pressure.critical";
    static final String PRESSURE_HYSTERESIS = "pressure.hysteresis";
    static final String LEAK_WINDOW = "leak.window";
    static final String AGENT_BUDGET_OVERHEAD = "agent.budget.overhead";
    static final String CONFIG_WATCH = "config.watch";
    static final String ADAPTIVE = "adaptive";
    static final String ADAPTIVE_NORMAL_ORANGE = "adaptive.normal.orange";
    static final String ADAPTIVE_NORMAL_RED = "adaptive.normal.red";
    static final String ADAPTIVE_LOW_ORANGE = "adaptive.low.orange";
    static final String ADAPTIVE_LOW_RED = "adaptive.low.red";

    static final String PROBE_PREFIX = "probe.";
    static final String PROBE_METHOD = "method";
    static final String PROBE_ALLOCATIONS = "allocations";
    static final String PROBE_ANNOTATED = "annotated";
    static final String PROBE_SAMPLE = "sample";
    static final String PROBE_PRIORITY = "priority";
    /** Probe keys read when the probe is built, which need a method or annotation key of the same probe. */
    private static final List<String> PROBE_MODIFIERS = List.of(PROBE_ALLOCATIONS, PROBE_SAMPLE, PROBE_PRIORITY);
    /** The largest N of {@code sample = 1/N}. */
    static final int MAX_SAMPLE_PERIOD = 1_000_000;
    /** The per-probe budget keys after {@code probe.<name>.}: every metric, the minimum sample count and the window. */
    private static final Set<String> PROBE_BUDGET_SUBKEYS = budgetKeys(BUDGET_PREFIX, true);
    private static final Set<String> PROBE_SUBKEYS = union(Set.of(PROBE_METHOD, PROBE_ALLOCATIONS, PROBE_ANNOTATED,
            PROBE_SAMPLE, PROBE_PRIORITY, BASELINE_TOLERANCE, BASELINE_TAIL_TOLERANCE, BASELINE_MIN_CHANGE, BASELINE_MIN_SAMPLES),
            PROBE_BUDGET_SUBKEYS);
    /** Characters that survive a URL query and an HTTP header unencoded. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~-]{1,256}");
    private static final Pattern CLASS_GLOB = Pattern.compile("[\\p{L}\\p{N}_$.*]+");
    private static final Set<String> GLOBAL_KEYS = union(Set.of(CONFIG_KEY, REPORTER_INTERVAL, REPORT_JSON,
            REPORT_CONSOLE, REPORT_CONSOLE_FINAL, LOG_LEVEL, LOG_FILE, RING_CAPACITY, HISTOGRAM_DIGITS,
            SHUTDOWN_TIMEOUT, PROFILED_CLASSES, REPORT_HLOG, PROMETHEUS_PORT, PROMETHEUS_HOST, PROMETHEUS_BUCKETS,
            PROMETHEUS_SUMMARY_WINDOW, DASHBOARD_PORT, DASHBOARD_HOST, DASHBOARD_TOKEN, REPORT_HTML, BASELINE_SAVE,
            BASELINE_LABEL, BASELINE_COMPARE, BASELINE_TOLERANCE, BASELINE_TAIL_TOLERANCE, BASELINE_MIN_CHANGE,
            BASELINE_MIN_SAMPLES, BUDGET_WINDOW, BUDGET_MIN_SAMPLES, BUDGET_HYSTERESIS, ANOMALY_ENABLED,
            ANOMALY_THRESHOLD, ANOMALY_HISTORY, ANOMALY_MIN_SAMPLES, PRESSURE_YELLOW, PRESSURE_ORANGE,
            PRESSURE_RED, PRESSURE_CRITICAL, PRESSURE_HYSTERESIS, LEAK_WINDOW, AGENT_BUDGET_OVERHEAD, CONFIG_WATCH,
            ADAPTIVE, ADAPTIVE_NORMAL_ORANGE, ADAPTIVE_NORMAL_RED, ADAPTIVE_LOW_ORANGE, ADAPTIVE_LOW_RED),
            budgetKeys(BUDGET_DEFAULT_PREFIX, false));
    private static final String WINDOW = "window";
    private static final String MIN_SAMPLES = "minSamples";
    private static final Set<String> LOG_LEVELS = Set.of("error", "warn", "info", "debug", "trace");
    /** Probe ids 0 to 4094: the last of the 4096 record ids is the agent's own (ProbeRings.CALIBRATION_PROBE_ID). */
    private static final int MAX_PROBES = 4095;

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<String, ConfigEntry> settings = new LinkedHashMap<>();
    private String source = "no configuration file";
    private Path configFile;

    /** The configuration to run with, and everything that was wrong on the way. */
    public record Result(AgentConfig config, List<ConfigProblem> problems) {
    }

    private ConfigLoader() {
    }

    /**
     * @param agentArgs        the text after {@code =} in {@code -javaagent:...jar=...}, may be {@code null}
     * @param systemProperties the JVM's system properties (only {@code perfweave.*} ones are read)
     * @param workingDirectory against which relative paths are resolved
     */
    public static Result load(String agentArgs, Map<String, String> systemProperties, Path workingDirectory) {
        ConfigLoader loader = new ConfigLoader();
        List<ConfigEntry> arguments = loader.parseAgentArguments(agentArgs);
        List<ConfigEntry> properties = systemPropertyEntries(systemProperties);
        loader.readConfigFile(arguments, properties, workingDirectory);
        arguments.forEach(loader::put);
        properties.forEach(loader::put);
        AgentConfig config = loader.build(workingDirectory);
        return new Result(config, List.copyOf(loader.problems));
    }

    private void put(ConfigEntry entry) {
        settings.remove(entry.key());
        settings.put(entry.key(), entry);
    }

    private List<ConfigEntry> parseAgentArguments(String agentArgs) {
        List<ConfigEntry> entries = new ArrayList<>();
        if (agentArgs == null || agentArgs.isBlank()) {
            return entries;
        }
        int index = 0;
        for (String argument : splitArguments(agentArgs)) {
            index++;
            String location = "agent argument " + index + " ('" + argument + "')";
            int eq = argument.indexOf('=');
            if (eq <= 0) {
                problems.add(new ConfigProblem(location, null, "expected key=value"));
                continue;
            }
            entries.add(new ConfigEntry(argument.substring(0, eq).strip(), argument.substring(eq + 1).strip(), location));
        }
        return entries;
    }

    /** Splits on commas that are not inside a parameter list, so patterns like {@code A#m(int,long)} survive. */
    public static List<String> splitArguments(String agentArgs) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < agentArgs.length(); i++) {
            char c = agentArgs.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                addIfNotBlank(parts, agentArgs.substring(start, i));
                start = i + 1;
            }
        }
        addIfNotBlank(parts, agentArgs.substring(start));
        return parts;
    }

    private static void addIfNotBlank(List<String> parts, String part) {
        if (!part.isBlank()) {
            parts.add(part.strip());
        }
    }

    private static List<ConfigEntry> systemPropertyEntries(Map<String, String> systemProperties) {
        List<ConfigEntry> entries = new ArrayList<>();
        new TreeSet<>(systemProperties.keySet()).forEach(name -> {
            if (name.startsWith(SYSTEM_PROPERTY_PREFIX) && name.length() > SYSTEM_PROPERTY_PREFIX.length()) {
                entries.add(new ConfigEntry(name.substring(SYSTEM_PROPERTY_PREFIX.length()),
                        systemProperties.get(name).strip(), "system property " + name));
            }
        });
        return entries;
    }

    private void readConfigFile(List<ConfigEntry> arguments, List<ConfigEntry> properties, Path workingDirectory) {
        ConfigEntry configEntry = null;
        for (List<ConfigEntry> entries : List.of(arguments, properties)) {
            for (ConfigEntry entry : entries) {
                if (entry.key().equals(CONFIG_KEY)) {
                    configEntry = entry;
                }
            }
        }
        if (configEntry == null) {
            return;
        }
        if (configEntry.value().isEmpty()) {
            problems.add(new ConfigProblem(configEntry.location(), CONFIG_KEY, "no file named"));
            return;
        }
        Optional<Path> resolved = resolvePath(configEntry, CONFIG_KEY, workingDirectory);
        if (resolved.isEmpty()) {
            return;
        }
        Path file = resolved.get();
        source = file.toString();
        configFile = file;
        try {
            PropertiesFileReader.Result read = PropertiesFileReader.read(file);
            problems.addAll(read.problems());
            for (ConfigEntry entry : read.entries()) {
                if (entry.key().equals(CONFIG_KEY)) {
                    problems.add(new ConfigProblem(entry.location(), CONFIG_KEY,
                            "a configuration file cannot name another one; set 'config' as an agent argument"
                                    + " or -Dperfweave.config"));
                } else {
                    put(entry);
                }
            }
        } catch (NoSuchFileException e) {
            problems.add(new ConfigProblem(configEntry.location(), CONFIG_KEY, "configuration file not found: " + file));
            source = file + " (not found)";
        } catch (IOException e) {
            problems.add(new ConfigProblem(configEntry.location(), CONFIG_KEY,
                    "cannot read configuration file " + file + ": " + e));
            source = file + " (unreadable)";
        }
    }

    private AgentConfig build(Path workingDirectory) {
        Map<String, MethodPattern> probePatterns = new LinkedHashMap<>();
        Map<String, String> probeAnnotations = new LinkedHashMap<>();
        Map<String, ConfigEntry> probeNames = new LinkedHashMap<>();
        Set<String> broken = new java.util.HashSet<>();
        List<ConfigEntry> probeBaselineEntries = new ArrayList<>();
        List<ConfigEntry> probeBudgetEntries = new ArrayList<>();
        for (ConfigEntry entry : settings.values()) {
            String key = entry.key();
            if (key.startsWith(PROBE_PREFIX)) {
                readProbeKey(entry, probePatterns, probeAnnotations, probeNames, broken, probeBaselineEntries,
                        probeBudgetEntries);
            } else if (!GLOBAL_KEYS.contains(key)) {
                unknownKey(entry, knownKeys(probeNames.keySet()));
            }
        }
        for (ConfigEntry entry : settings.values()) {
            String key = entry.key();
            String suffix = PROBE_MODIFIERS.stream().map(modifier -> "." + modifier).filter(key::endsWith)
                    .findFirst().orElse(null);
            if (key.startsWith(PROBE_PREFIX) && suffix != null) {
                String name = key.substring(PROBE_PREFIX.length(), key.length() - suffix.length());
                if (!settings.containsKey(PROBE_PREFIX + name + "." + PROBE_METHOD)
                        && !settings.containsKey(PROBE_PREFIX + name + "." + PROBE_ANNOTATED)) {
                    problems.add(new ConfigProblem(entry.location(), key, "probe '" + name + "' has no method; add "
                            + PROBE_PREFIX + name + "." + PROBE_METHOD + " = <class>#<method>"
                            + " or " + PROBE_PREFIX + name + "." + PROBE_ANNOTATED + " = <annotation class>"));
                }
            }
        }
        List<ProbeSpec> probes = new ArrayList<>();
        for (Map.Entry<String, ConfigEntry> named : probeNames.entrySet()) {
            String name = named.getKey();
            if (broken.contains(name)) {
                continue; // its malformed pattern or annotation is already reported
            }
            MethodPattern pattern = probePatterns.get(name);
            String annotation = probeAnnotations.get(name);
            if (annotation != null) {
                pattern = pattern == null ? MethodPattern.annotatedWith(annotation) : pattern.withAnnotation(annotation);
            }
            if (probes.size() == MAX_PROBES) {
                problems.add(new ConfigProblem(named.getValue().location(), named.getValue().key(),
                        "more than " + MAX_PROBES + " probes; this one and later ones are ignored"));
                break;
            }
            probes.add(new ProbeSpec(probes.size(), name, pattern,
                    value(PROBE_PREFIX + name + "." + PROBE_ALLOCATIONS, false, "false", ConfigLoader::parseBoolean),
                    value(PROBE_PREFIX + name + "." + PROBE_SAMPLE, 1, "1/1 (every call timed)",
                            ConfigLoader::parseSamplePeriod),
                    BudgetLimits.NONE,
                    value(PROBE_PREFIX + name + "." + PROBE_PRIORITY, ProbePriority.NORMAL, "normal",
                            ProbePriority::parse)));
        }
        return new AgentConfig(
                source,
                value(REPORTER_INTERVAL, TimeUnit.SECONDS.toNanos(1), "1s", text -> atLeast(DurationValue.parseNanos(text),
                        TimeUnit.MILLISECONDS.toNanos(10), "10ms")),
                optionalPath(REPORT_JSON, workingDirectory),
                value(REPORT_CONSOLE, true, "true", ConfigLoader::parseBoolean),
                value(REPORT_CONSOLE_FINAL, true, "true", ConfigLoader::parseBoolean),
                value(LOG_LEVEL, "info", "info", ConfigLoader::parseLogLevel),
                optionalPath(LOG_FILE, workingDirectory),
                value(RING_CAPACITY, 16_384, "16384", text -> (int) within(parseLong(text), 64, 1 << 24)),
                value(HISTOGRAM_DIGITS, 2, "2", text -> (int) within(parseLong(text), 1, 4)),
                value(SHUTDOWN_TIMEOUT, TimeUnit.SECONDS.toNanos(5), "5s", DurationValue::parseNanos),
                value(PROFILED_CLASSES, Optional.of(Glob.of("*")), "*", ConfigLoader::parseClassGlob),
                optionalPath(REPORT_HLOG, workingDirectory),
                prometheus(),
                dashboard(),
                optionalPath(REPORT_HTML, workingDirectory),
                List.copyOf(probes),
                baselineSettings(workingDirectory, probeNames.keySet(), probeBaselineEntries),
                budgetSettings(probeNames.keySet(), probeBudgetEntries),
                healthSettings(),
                Optional.ofNullable(configFile),
                configWatch(),
                adaptiveSettings());
    }

    private BudgetSettings budgetSettings(Set<String> probeNames, List<ConfigEntry> probeEntries) {
        Map<String, List<ConfigEntry>> byProbe = new LinkedHashMap<>();
        for (ConfigEntry entry : probeEntries) {
            String rest = entry.key().substring(PROBE_PREFIX.length());
            String name = rest.substring(0, rest.indexOf('.'));
            if (!probeNames.contains(name)) {
                problems.add(new ConfigProblem(entry.location(), entry.key(), "there is no probe '" + name
                        + "' (no probe." + name + ".method); the budget is ignored (a @Profiled method states its"
                        + " budget in its annotation)"));
                continue;
            }
            BudgetMetric metric = BudgetMetric.ofKey(entry.key().substring((PROBE_PREFIX + name + "." + BUDGET_PREFIX).length()));
            if (metric != null && metric.kind() == BudgetMetric.Kind.ALLOCATION && !measuresAllocation(name)) {
                problems.add(new ConfigProblem(entry.location(), entry.key(), "probe '" + name + "' does not measure"
                        + " allocation; add " + PROBE_PREFIX + name + "." + PROBE_ALLOCATIONS + " = true (the limit is ignored)"));
                continue;
            }
            byProbe.computeIfAbsent(name, n -> new ArrayList<>()).add(entry);
        }
        Map<String, BudgetLimits> perProbe = new LinkedHashMap<>();
        byProbe.forEach((name, entries) -> perProbe.put(name, budgetLimits(entries, PROBE_PREFIX + name + "." + BUDGET_PREFIX)));
        List<ConfigEntry> defaultEntries = settings.values().stream()
                .filter(entry -> entry.key().startsWith(BUDGET_DEFAULT_PREFIX)).toList();
        AnomalySettings anomaly = new AnomalySettings(
                value(ANOMALY_ENABLED, false, "false", ConfigLoader::parseBoolean),
                value(ANOMALY_THRESHOLD, AnomalySettings.DEFAULT_THRESHOLD, "3", ConfigLoader::parsePositiveNumber),
                value(ANOMALY_HISTORY, AnomalySettings.DEFAULT_HISTORY, "30", text -> (int) within(parseLong(text), 2, 10_000)),
                value(ANOMALY_MIN_SAMPLES, AnomalySettings.DEFAULT_MIN_SAMPLES, "100",
                        text -> within(parseLong(text), 1, Long.MAX_VALUE)));
        return new BudgetSettings(
                budgetLimits(defaultEntries, BUDGET_DEFAULT_PREFIX),
                perProbe,
                value(BUDGET_WINDOW, 0L, "one reporter interval", text -> atLeast(DurationValue.parseNanos(text),
                        TimeUnit.MILLISECONDS.toNanos(10), "10ms")),
                value(BUDGET_MIN_SAMPLES, BudgetSettings.DEFAULT_MIN_SAMPLES, "100",
                        text -> within(parseLong(text), 1, Long.MAX_VALUE)),
                value(BUDGET_HYSTERESIS, BudgetSettings.DEFAULT_HYSTERESIS, "10%", BudgetMetric::parseRate),
                anomaly);
    }

    private boolean measuresAllocation(String probe) {
        ConfigEntry allocations = settings.get(PROBE_PREFIX + probe + "." + PROBE_ALLOCATIONS);
        return allocations != null && allocations.value().equalsIgnoreCase("true");
    }

    /** The limits among {@code entries}, whose keys start with {@code prefix}; a bad value is reported and left out. */
    private BudgetLimits budgetLimits(List<ConfigEntry> entries, String prefix) {
        Map<BudgetMetric, Double> limits = new LinkedHashMap<>();
        OptionalLong minSamples = OptionalLong.empty();
        OptionalLong window = OptionalLong.empty();
        for (ConfigEntry entry : entries) {
            String sub = entry.key().substring(prefix.length());
            try {
                if (sub.equals(MIN_SAMPLES)) {
                    minSamples = OptionalLong.of(within(parseLong(entry.value()), 1, Long.MAX_VALUE));
                } else if (sub.equals(WINDOW)) {
                    window = OptionalLong.of(atLeast(DurationValue.parseNanos(entry.value()),
                            TimeUnit.MILLISECONDS.toNanos(10), "10ms"));
                } else {
                    BudgetMetric metric = BudgetMetric.ofKey(sub);
                    limits.put(metric, metric.parseLimit(entry.value()));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(entry.location(), entry.key(), e.getMessage() + "; this limit is ignored"));
            }
        }
        return new BudgetLimits(limits, minSamples, window);
    }

    /** The budget keys under {@code prefix}: every metric, and with {@code perProbe} also minSamples and window. */
    private static Set<String> budgetKeys(String prefix, boolean perProbe) {
        Set<String> keys = new TreeSet<>();
        for (BudgetMetric metric : BudgetMetric.values()) {
            keys.add(prefix + metric.key());
        }
        if (perProbe) {
            keys.add(prefix + MIN_SAMPLES);
            keys.add(prefix + WINDOW);
        }
        return Set.copyOf(keys);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static double parsePositiveNumber(String text) {
        try {
            double value = Double.parseDouble(text.strip());
            if (value > 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a number above 0, for example 3 or 2.5");
    }

    private HealthSettings healthSettings() {
        HealthSettings defaults = HealthSettings.DEFAULT;
        double yellow = value(PRESSURE_YELLOW, defaults.yellow(), "60%", ConfigLoader::parsePercent);
        double orange = value(PRESSURE_ORANGE, defaults.orange(), "75%", ConfigLoader::parsePercent);
        double red = value(PRESSURE_RED, defaults.red(), "85%", ConfigLoader::parsePercent);
        double critical = value(PRESSURE_CRITICAL, defaults.critical(), "95%", ConfigLoader::parsePercent);
        double hysteresis = value(PRESSURE_HYSTERESIS, defaults.hysteresis(), "5%", ConfigLoader::parsePercent);
        if (!(0 < yellow && yellow < orange && orange < red && red < critical)) {
            problems.add(new ConfigProblem(locationOf(PRESSURE_YELLOW, PRESSURE_ORANGE, PRESSURE_RED, PRESSURE_CRITICAL),
                    "pressure.*", String.format(Locale.ROOT, "the pressure thresholds must increase from yellow to critical"
                            + " (yellow %s, orange %s, red %s, critical %s); using the defaults, 60%%, 75%%, 85%%, 95%%",
                    percentText(yellow), percentText(orange), percentText(red), percentText(critical))));
            yellow = defaults.yellow();
            orange = defaults.orange();
            red = defaults.red();
            critical = defaults.critical();
        }
        if (hysteresis >= yellow) {
            problems.add(new ConfigProblem(settings.get(PRESSURE_HYSTERESIS).location(), PRESSURE_HYSTERESIS,
                    "must be below pressure.yellow (" + percentText(yellow) + "); using the default, 5%"));
            hysteresis = Math.min(defaults.hysteresis(), yellow / 2);
        }
        return new HealthSettings(yellow, orange, red, critical, hysteresis,
                value(LEAK_WINDOW, HealthSettings.DEFAULT_LEAK_WINDOW_NANOS, "5m",
                        text -> atLeast(DurationValue.parseNanos(text), TimeUnit.SECONDS.toNanos(1), "1s")),
                value(AGENT_BUDGET_OVERHEAD, Double.NaN, "none", text -> {
                    double budget = parsePercent(text);
                    if (budget == 0) {
                        throw new IllegalArgumentException("'" + text + "' is no budget: use more than 0%");
                    }
                    return budget;
                }));
    }

    /** The location of the first of these keys that is set. */
    private String locationOf(String... keys) {
        for (String key : keys) {
            if (settings.containsKey(key)) {
                return settings.get(key).location();
            }
        }
        return "defaults";
    }

    private static String percentText(double fraction) {
        return java.math.BigDecimal.valueOf(Math.round(fraction * 10_000)).movePointLeft(2).stripTrailingZeros().toPlainString() + "%";
    }

    /** A percentage from 0 to 100, the {@code %} sign optional ({@code 60%}, {@code 12.5}), as a fraction. */
    static double parsePercent(String text) {
        String number = text.strip();
        if (number.endsWith("%")) {
            number = number.substring(0, number.length() - 1).strip();
        }
        double percent;
        try {
            percent = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage: use for example 60%");
        }
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("'" + text + "' is out of range: use 0% to 100%");
        }
        return percent / 100;
    }

    /**
     * The adaptive periods must not time more calls as pressure rises, nor a low-priority probe more
     * than a normal one; a key that breaks that order is reported and the defaults stand for the four.
     */
    private AdaptiveSettings adaptiveSettings() {
        AdaptiveSettings defaults = AdaptiveSettings.DEFAULT;
        int normalOrange = value(ADAPTIVE_NORMAL_ORANGE, defaults.normalOrange(), "1/4", ConfigLoader::parseSamplePeriod);
        int normalRed = value(ADAPTIVE_NORMAL_RED, defaults.normalRed(), "1/16", ConfigLoader::parseSamplePeriod);
        int lowOrange = value(ADAPTIVE_LOW_ORANGE, defaults.lowOrange(), "1/16", ConfigLoader::parseSamplePeriod);
        int lowRed = value(ADAPTIVE_LOW_RED, defaults.lowRed(), "1/64", ConfigLoader::parseSamplePeriod);
        boolean enabled = value(ADAPTIVE, false, "false", ConfigLoader::parseBoolean);
        if (normalRed < normalOrange || lowRed < lowOrange || lowOrange < normalOrange || lowRed < normalRed) {
            problems.add(new ConfigProblem(locationOf(ADAPTIVE_NORMAL_ORANGE, ADAPTIVE_NORMAL_RED, ADAPTIVE_LOW_ORANGE,
                    ADAPTIVE_LOW_RED), "adaptive.*", "the adaptive rates must not rise from orange to red, nor from"
                    + " normal to low priority (normal orange 1/" + normalOrange + ", red 1/" + normalRed
                    + "; low orange 1/" + lowOrange + ", red 1/" + lowRed + "); using the defaults, 1/4, 1/16, 1/16, 1/64"));
            return new AdaptiveSettings(enabled, defaults.normalOrange(), defaults.normalRed(), defaults.lowOrange(),
                    defaults.lowRed());
        }
        return new AdaptiveSettings(enabled, normalOrange, normalRed, lowOrange, lowRed);
    }

    private boolean configWatch() {
        boolean watch = value(CONFIG_WATCH, false, "false", ConfigLoader::parseBoolean);
        if (watch && configFile == null) {
            problems.add(new ConfigProblem(settings.get(CONFIG_WATCH).location(), CONFIG_WATCH,
                    "there is no configuration file to watch; name one with config=<file>"));
            return false;
        }
        return watch;
    }

    private PrometheusConfig prometheus() {
        OptionalInt port = value(PROMETHEUS_PORT, OptionalInt.empty(), "no endpoint", text -> text.isEmpty()
                ? OptionalInt.empty() : OptionalInt.of((int) within(parseLong(text), 0, 65_535)));
        return new PrometheusConfig(
                port,
                value(PROMETHEUS_HOST, PrometheusConfig.DEFAULT_HOST, PrometheusConfig.DEFAULT_HOST, HostValue::parse),
                value(PROMETHEUS_BUCKETS, PrometheusConfig.DEFAULT_BUCKETS_NANOS, "the default boundaries",
                        BucketBoundaries::parseNanos),
                value(PROMETHEUS_SUMMARY_WINDOW, PrometheusConfig.DEFAULT_SUMMARY_WINDOW_NANOS, "1m",
                        text -> atLeast(DurationValue.parseNanos(text), TimeUnit.MILLISECONDS.toNanos(10), "10ms")));
    }

    private DashboardConfig dashboard() {
        OptionalInt port = value(DASHBOARD_PORT, OptionalInt.empty(), "no dashboard", text -> text.isEmpty()
                ? OptionalInt.empty() : OptionalInt.of((int) within(parseLong(text), 0, 65_535)));
        String host = value(DASHBOARD_HOST, DashboardConfig.DEFAULT_HOST, DashboardConfig.DEFAULT_HOST,
                text -> HostValue.parse(text, DASHBOARD_PORT));
        ConfigEntry token = settings.get(DASHBOARD_TOKEN);
        if (token == null) {
            return new DashboardConfig(port, host, Optional.empty());
        }
        try {
            return new DashboardConfig(port, host, parseToken(token.value()));
        } catch (IllegalArgumentException e) {
            // Falling back to no token would open the dashboard the user meant to protect.
            problems.add(new ConfigProblem(token.location(), DASHBOARD_TOKEN, e.getMessage()
                    + "; the dashboard is not started rather than served without the token"));
            return new DashboardConfig(OptionalInt.empty(), host, Optional.empty());
        }
    }

    private static Optional<String> parseToken(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (!TOKEN.matcher(text).matches()) {
            throw new IllegalArgumentException("the token must be 1 to 256 letters, digits, '.', '_', '~' or '-'"
                    + " (so that it survives a URL and an HTTP header unchanged), such as the output of"
                    + " 'openssl rand -hex 16'");
        }
        return Optional.of(text);
    }

    private BaselineSettings baselineSettings(Path workingDirectory, Set<String> probeNames,
                                              List<ConfigEntry> probeEntries) {
        Map<String, Map<String, Number>> overrides = new LinkedHashMap<>();
        for (ConfigEntry entry : probeEntries) {
            String rest = entry.key().substring(PROBE_PREFIX.length());
            String name = rest.substring(0, rest.indexOf('.'));
            String key = rest.substring(rest.indexOf('.') + 1);
            if (!probeNames.contains(name)) {
                problems.add(new ConfigProblem(entry.location(), entry.key(), "there is no probe '" + name
                        + "' (no probe." + name + ".method); the setting is ignored"));
                continue;
            }
            try {
                Number value = parseBaselineValue(key, entry.value());
                overrides.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(key.substring("baseline.".length()), value);
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(entry.location(), entry.key(),
                        e.getMessage() + "; the probe uses the global setting"));
            }
        }
        ConfigEntry label = settings.get(BASELINE_LABEL);
        return new BaselineSettings(
                optionalPath(BASELINE_SAVE, workingDirectory),
                label == null ? "" : label.value(),
                optionalPath(BASELINE_COMPARE, workingDirectory),
                value(BASELINE_TOLERANCE, BaselineSettings.DEFAULT_TOLERANCE, "20%", BaselineSettings::parseTolerance),
                value(BASELINE_TAIL_TOLERANCE, BaselineSettings.DEFAULT_TAIL_TOLERANCE, "100%",
                        BaselineSettings::parseTolerance),
                value(BASELINE_MIN_CHANGE, BaselineSettings.DEFAULT_MIN_CHANGE_NANOS, "1us", DurationValue::parseNanos),
                value(BASELINE_MIN_SAMPLES, BaselineSettings.DEFAULT_MIN_SAMPLES, "1000",
                        text -> within(parseLong(text), 1, Long.MAX_VALUE)),
                overrides);
    }

    private static Number parseBaselineValue(String key, String text) {
        return switch (key) {
            case BASELINE_TOLERANCE, BASELINE_TAIL_TOLERANCE -> BaselineSettings.parseTolerance(text);
            case BASELINE_MIN_CHANGE -> DurationValue.parseNanos(text);
            default -> within(parseLong(text), 1, Long.MAX_VALUE);
        };
    }

    private void readProbeKey(ConfigEntry entry, Map<String, MethodPattern> patterns, Map<String, String> annotations,
                              Map<String, ConfigEntry> names, Set<String> broken, List<ConfigEntry> baselineEntries,
                              List<ConfigEntry> budgetEntries) {
        String rest = entry.key().substring(PROBE_PREFIX.length());
        int dot = rest.indexOf('.');
        String name = dot < 0 ? rest : rest.substring(0, dot);
        String subKey = dot < 0 ? "" : rest.substring(dot + 1);
        if (!ProbeNames.isValid(name)) {
            problems.add(new ConfigProblem(entry.location(), entry.key(),
                    "'" + name + "' is not a valid probe name: " + ProbeNames.RULE
                            + " (probe keys have the form probe.<name>.method)"));
            return;
        }
        if (!PROBE_SUBKEYS.contains(subKey)) {
            unknownKey(entry, knownKeys(Set.of(name)));
            return;
        }
        if (PROBE_MODIFIERS.contains(subKey)) {
            return; // read when the probe is built
        }
        if (subKey.startsWith("baseline.")) {
            baselineEntries.add(entry);
            return;
        }
        if (subKey.startsWith(BUDGET_PREFIX)) {
            budgetEntries.add(entry);
            return;
        }
        names.putIfAbsent(name, entry);
        try {
            if (subKey.equals(PROBE_METHOD)) {
                patterns.put(name, MethodPattern.parse(entry.value()));
            } else {
                annotations.put(name, MethodPattern.annotatedWith(entry.value()).requiredAnnotation());
            }
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(entry.location(), entry.key(), e.getMessage()));
            broken.add(name);
        }
    }

    private static Set<String> knownKeys(Set<String> probeNames) {
        Set<String> known = new TreeSet<>(GLOBAL_KEYS);
        for (String name : probeNames) {
            for (String sub : PROBE_SUBKEYS) {
                known.add(PROBE_PREFIX + name + "." + sub);
            }
        }
        return known;
    }

    private void unknownKey(ConfigEntry entry, Set<String> known) {
        String suggestion = KeySuggester.closest(entry.key(), known);
        problems.add(new ConfigProblem(entry.location(), entry.key(), "unknown key"
                + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)")
                + "; see docs/configuration.md for every key"));
    }

    private <T> T value(String key, T defaultValue, String defaultText, Function<String, T> parser) {
        ConfigEntry entry = settings.get(key);
        if (entry == null) {
            return defaultValue;
        }
        try {
            return parser.apply(entry.value());
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(entry.location(), key, e.getMessage() + "; using the default, " + defaultText));
            return defaultValue;
        }
    }

    private Optional<Path> optionalPath(String key, Path workingDirectory) {
        ConfigEntry entry = settings.get(key);
        if (entry == null || entry.value().isEmpty()) {
            return Optional.empty();
        }
        return resolvePath(entry, key, workingDirectory);
    }

    /** The entry's value as a path, or a problem when the platform cannot represent it (a NUL character, say). */
    private Optional<Path> resolvePath(ConfigEntry entry, String key, Path workingDirectory) {
        try {
            return Optional.of(workingDirectory.resolve(entry.value()).normalize());
        } catch (InvalidPathException e) {
            problems.add(new ConfigProblem(entry.location(), key, "'" + printable(entry.value())
                    + "' is not a valid path: " + e.getReason()));
            return Optional.empty();
        }
    }

    /** Control characters shown as backslash-u escapes, so a message about them stays one readable line. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static boolean parseBoolean(String text) {
        String value = text.toLowerCase(Locale.ROOT);
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("'" + text + "' is not a boolean: use true or false");
    }

    /** {@code 1/N} to N. */
    static int parseSamplePeriod(String text) {
        String value = text.replace(" ", "");
        int slash = value.indexOf('/');
        long period = -1;
        if (slash > 0 && value.substring(0, slash).equals("1")) {
            try {
                period = Long.parseLong(value.substring(slash + 1).replace("_", ""));
            } catch (NumberFormatException e) {
                period = -1;
            }
        }
        if (period < 1 || period > MAX_SAMPLE_PERIOD) {
            throw new IllegalArgumentException("'" + text + "' is not a sampling rate: use 1/N with N from 1 to "
                    + MAX_SAMPLE_PERIOD + ", such as 1/16 (every call is counted, one in N is timed)");
        }
        return (int) period;
    }

    private static Optional<Glob> parseClassGlob(String text) {
        if (text.isEmpty() || text.equals("none")) {
            return Optional.empty();
        }
        if (!CLASS_GLOB.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a class name pattern (letters, digits, _, $, '.',"
                    + " '*'), or none");
        }
        return Optional.of(Glob.of(text));
    }

    private static String parseLogLevel(String text) {
        String level = text.toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
            throw new IllegalArgumentException("'" + text + "' is not a log level: use error, warn, info, debug or trace");
        }
        return level;
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }

    private static long within(long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(value + " is out of range: use " + min + " to " + max);
        }
        return value;
    }

    private static long atLeast(long nanos, long minNanos, String minText) {
        if (nanos < minNanos) {
            throw new IllegalArgumentException("must be at least " + minText);
        }
        return nanos;
    }
}
