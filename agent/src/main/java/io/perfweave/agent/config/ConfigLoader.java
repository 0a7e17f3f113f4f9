package io.perfweave.agent.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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
    static final String BASELINE_SAVE = "baseline.save";
    static final String BASELINE_LABEL = "baseline.label";
    static final String BASELINE_COMPARE = "baseline.compare";
    static final String BASELINE_TOLERANCE = "baseline.tolerance";
    static final String BASELINE_MIN_SAMPLES = "baseline.minSamples";
    static final String BASELINE_TAIL_TOLERANCE = "baseline.tailTolerance";
    static final String BASELINE_MIN_CHANGE = "baseline.minChange";
    static final String CONFIG_WATCH = "config.watch";

    static final String PROBE_PREFIX = "probe.";
    static final String PROBE_METHOD = "method";
    static final String PROBE_ALLOCATIONS = "allocations";
    static final String PROBE_ANNOTATED = "annotated";
    private static final Set<String> PROBE_SUBKEYS = Set.of(PROBE_METHOD, PROBE_ALLOCATIONS, PROBE_ANNOTATED,
            BASELINE_TOLERANCE, BASELINE_TAIL_TOLERANCE, BASELINE_MIN_CHANGE, BASELINE_MIN_SAMPLES);
    private static final Pattern PROBE_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern CLASS_GLOB = Pattern.compile("[\\p{L}\\p{N}_$.*]+");
    private static final Set<String> GLOBAL_KEYS = Set.of(CONFIG_KEY, REPORTER_INTERVAL, REPORT_JSON,
            REPORT_CONSOLE, REPORT_CONSOLE_FINAL, LOG_LEVEL, LOG_FILE, RING_CAPACITY, HISTOGRAM_DIGITS,
            SHUTDOWN_TIMEOUT, PROFILED_CLASSES, REPORT_HLOG, PROMETHEUS_PORT, PROMETHEUS_HOST, PROMETHEUS_BUCKETS,
            PROMETHEUS_SUMMARY_WINDOW, BASELINE_SAVE, BASELINE_LABEL, BASELINE_COMPARE, BASELINE_TOLERANCE,
            BASELINE_TAIL_TOLERANCE, BASELINE_MIN_CHANGE, BASELINE_MIN_SAMPLES, CONFIG_WATCH);
    private static final Set<String> LOG_LEVELS = Set.of("error", "warn", "info", "debug", "trace");
    private static final int MAX_PROBES = 4096;

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
        Path file = workingDirectory.resolve(configEntry.value()).normalize();
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
        for (ConfigEntry entry : settings.values()) {
            String key = entry.key();
            if (key.startsWith(PROBE_PREFIX)) {
                readProbeKey(entry, probePatterns, probeAnnotations, probeNames, broken, probeBaselineEntries);
            } else if (!GLOBAL_KEYS.contains(key)) {
                unknownKey(entry, knownKeys(probeNames.keySet()));
            }
        }
        for (ConfigEntry entry : settings.values()) {
            String key = entry.key();
            String suffix = "." + PROBE_ALLOCATIONS;
            if (key.startsWith(PROBE_PREFIX) && key.endsWith(suffix)) {
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
                    value(PROBE_PREFIX + name + "." + PROBE_ALLOCATIONS, false, "false", ConfigLoader::parseBoolean)));
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
                List.copyOf(probes),
                baselineSettings(workingDirectory, probeNames.keySet(), probeBaselineEntries),
                Optional.ofNullable(configFile),
                configWatch());
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
                              Map<String, ConfigEntry> names, Set<String> broken, List<ConfigEntry> baselineEntries) {
        String rest = entry.key().substring(PROBE_PREFIX.length());
        int dot = rest.indexOf('.');
        String name = dot < 0 ? rest : rest.substring(0, dot);
        String subKey = dot < 0 ? "" : rest.substring(dot + 1);
        if (!PROBE_NAME.matcher(name).matches()) {
            problems.add(new ConfigProblem(entry.location(), entry.key(),
                    "'" + name + "' is not a valid probe name: use letters, digits, '_' and '-'"
                            + " (probe keys have the form probe.<name>.method)"));
            return;
        }
        if (!PROBE_SUBKEYS.contains(subKey)) {
            unknownKey(entry, knownKeys(Set.of(name)));
            return;
        }
        if (subKey.equals(PROBE_ALLOCATIONS)) {
            return; // read when the probe is built
        }
        if (subKey.startsWith("baseline.")) {
            baselineEntries.add(entry);
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
        return Optional.of(workingDirectory.resolve(entry.value()).normalize());
    }

    private static boolean parseBoolean(String text) {
        String value = text.toLowerCase(Locale.ROOT);
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("'" + text + "' is not a boolean: use true or false");
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
