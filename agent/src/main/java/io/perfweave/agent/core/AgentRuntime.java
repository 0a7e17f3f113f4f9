package io.perfweave.agent.core;

import io.perfweave.agent.baseline.Baseline;
import io.perfweave.agent.baseline.BaselineFormatException;
import io.perfweave.agent.baseline.BaselineReader;
import io.perfweave.agent.baseline.BaselineSaveSink;
import io.perfweave.agent.baseline.BaselineVerdicts;
import io.perfweave.agent.baseline.RegressionLogSink;
import io.perfweave.agent.baseline.RegressionRule;
import io.perfweave.agent.baseline.RegressionRules;
import io.perfweave.agent.boot.AgentBridge;
import io.perfweave.agent.check.ProbeChecks;
import io.perfweave.agent.config.AgentConfig;
import io.perfweave.agent.config.BaselineSettings;
import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.config.ConfigProblem;
import io.perfweave.agent.config.ProbeSpec;
import io.perfweave.agent.config.PrometheusConfig;
import io.perfweave.agent.config.HealthSettings;
import io.perfweave.agent.jvm.JvmMonitor;
import io.perfweave.agent.jvm.PressureThresholds;
import io.perfweave.agent.log.AgentLogging;
import io.perfweave.agent.overhead.OverheadMeter;
import io.perfweave.agent.probe.AllocationCounter;
import io.perfweave.agent.probe.ProbeRings;
import io.perfweave.agent.report.ReportSink;
import io.perfweave.agent.report.Reporter;
import io.perfweave.agent.report.RunInfo;
import io.perfweave.agent.sink.console.ConsoleTableSink;
import io.perfweave.agent.sink.hlog.HistogramLogSink;
import io.perfweave.agent.sink.json.JsonReportSink;
import io.perfweave.agent.sink.prometheus.PrometheusEndpoint;
import io.perfweave.agent.sink.prometheus.PrometheusSink;
import io.perfweave.agent.weave.ProbeTable;
import io.perfweave.agent.weave.Weaver;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the agent inside the target JVM, in this order: configuration (collecting every problem),
 * logging (configured by it), reporter and sinks, the shutdown hook that writes the final report,
 * and last the weaver, so that nothing is recorded before something drains it.
 *
 * <p>Called reflectively by {@code PerfweaveAgent} through the agent's isolated class loader.
 */
public final class AgentRuntime {

    /** How long a test's checkpoint or check waits for the reporter, which answers within one drain pause. */
    private static final long LATENCY_REQUEST_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private AgentRuntime() {
    }

    public static void start(Instrumentation instrumentation, String agentArgs, File agentJar, boolean dynamic) {
        ConfigLoader.Result loaded = ConfigLoader.load(agentArgs, systemProperties(), Path.of("").toAbsolutePath());
        AgentConfig config = loaded.config();
        AgentLogging.configure(config.logLevel(), config.logFile());
        Logger log = LoggerFactory.getLogger("perfweave.agent");
        for (ConfigProblem problem : loaded.problems()) {
            log.error("configuration problem: {}", problem);
        }
        if (!loaded.problems().isEmpty()) {
            log.error("{} configuration problem(s); the agent runs with the valid settings and probes",
                    loaded.problems().size());
        }

        ProbeRings.setMaxCapacity(config.ringCapacity());
        ProbeTable probes = new ProbeTable(config.probes());
        RunInfo run = RunInfo.ofCurrentJvm(AgentVersion.get(), config.source());
        JvmMonitor jvm = jvmMonitor(config, log);
        Reporter reporter = new Reporter(config.probes(), probes, sinks(config, run, log, jvm),
                config.reporterIntervalNanos(), config.significantDigits(), Clock.systemUTC(), jvm,
                new OverheadMeter(config.health().overheadBudget()));
        reporter.start();
        ProbeChecks checks = new ProbeChecks(() -> reporter.latencySoFar(LATENCY_REQUEST_TIMEOUT_NANOS),
                rules(config.baseline()));
        AgentBridge.install(checks::handle);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> finish(reporter, config, log), "perfweave-shutdown"));

        if (config.probes().stream().anyMatch(ProbeSpec::allocations) && !AllocationCounter.isSupported()) {
            log.warn("this JVM cannot measure allocation per thread; allocations stay unmeasured");
        }
        new Weaver(instrumentation, probes, config.profiledClasses()).install();
        log.info("Perfweave {} {} on {} {}: {} probe(s) from {}, reporting every {} ms", AgentVersion.get(),
                dynamic ? "attached" : "started", run.jvmName(), run.jvmVersion(), config.probes().size(),
                config.source(), TimeUnit.NANOSECONDS.toMillis(config.reporterIntervalNanos()));
        for (ProbeSpec probe : config.probes()) {
            log.info("probe '{}': {}", probe.name(), probe.pattern());
        }
    }

    /** The JVM health monitor, or {@code null} (and an error logged) when this JVM cannot give the figures. */
    private static JvmMonitor jvmMonitor(AgentConfig config, Logger log) {
        HealthSettings health = config.health();
        try {
            return JvmMonitor.start(new PressureThresholds(health.yellow(), health.orange(), health.red(), health.critical(),
                    health.hysteresis()), TimeUnit.NANOSECONDS.toMillis(health.leakWindowNanos()), config.significantDigits());
        } catch (RuntimeException | LinkageError e) {
            // A runtime image without java.management, or an MXBean that refuses: the probes work on without JVM figures.
            log.error("cannot monitor the JVM's health: {}; the reports go on without it", e.toString());
            return null;
        }
    }

    private static List<ReportSink> sinks(AgentConfig config, RunInfo run, Logger log, JvmMonitor jvm) {
        List<ReportSink> sinks = new ArrayList<>();
        sinks.add(new ConsoleTableSink(config.consoleIntervalTable(), config.consoleFinalTable()));
        BaselineVerdicts verdicts = baselineVerdicts(config.baseline(), log);
        if (verdicts != null) {
            sinks.add(new RegressionLogSink(verdicts, jvm));
        }
        config.jsonReport().ifPresent(path -> sinks.add(new JsonReportSink(path, run, verdicts)));
        BaselineSettings baseline = config.baseline();
        baseline.save().ifPresent(path -> sinks.add(
                new BaselineSaveSink(path, run, baseline.label(), config.significantDigits())));
        config.hlogReport().ifPresent(path -> {
            try {
                sinks.add(new HistogramLogSink(path, run.agentVersion()));
                log.info("writing the interval log (report.hlog) to {}", path);
            } catch (IOException | RuntimeException e) {
                log.error("report.hlog: cannot create the interval log {}: {}; the agent runs on without it", path, e.toString());
            }
        });
        PrometheusConfig prometheus = config.prometheus();
        prometheus.port().ifPresent(port -> {
            try {
                PrometheusEndpoint endpoint = PrometheusEndpoint.start(prometheus.host(), port);
                sinks.add(new PrometheusSink(prometheus, run.agentVersion(), endpoint));
                InetSocketAddress address = endpoint.address();
                log.info("Prometheus endpoint at http://{}{}", hostAndPort(address), "/metrics");
                if (!address.getAddress().isLoopbackAddress()) {
                    log.warn("prometheus.host {} is not a loopback address: anyone who can reach {} can read the metrics",
                            prometheus.host(), hostAndPort(address));
                }
            } catch (IOException | RuntimeException e) {
                log.error("prometheus.port: cannot serve metrics on {}: {}; the agent runs on without the Prometheus"
                        + " endpoint (choose a free port with prometheus.port)", hostAndPort(prometheus.host(), port), e.toString());
            } catch (LinkageError e) {
                // A runtime image made without the jdk.httpserver module.
                log.error("prometheus.port: this JVM has no HTTP server (module jdk.httpserver): {}; the agent runs on"
                        + " without the Prometheus endpoint", e.toString());
            }
        });
        return sinks;
    }

    private static String hostAndPort(InetSocketAddress address) {
        return hostAndPort(address.getAddress().getHostAddress(), address.getPort());
    }

    private static String hostAndPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The comparison with {@code baseline.compare}, or {@code null} when there is none or it cannot be read. */
    private static BaselineVerdicts baselineVerdicts(BaselineSettings settings, Logger log) {
        if (settings.compare().isEmpty()) {
            return null;
        }
        try {
            Baseline baseline = BaselineReader.read(settings.compare().get());
            log.info("comparing with baseline {}, saved {} by agent {} on {}", baseline.describe(), baseline.endTime(),
                    baseline.agentVersion(), baseline.jvmVersion());
            return new BaselineVerdicts(baseline, rules(settings));
        } catch (BaselineFormatException e) {
            log.error("baseline.compare: {}; the run is not compared with a baseline", e.getMessage());
            return null;
        }
    }

    static RegressionRules rules(BaselineSettings settings) {
        Map<String, RegressionRule> perProbe = new HashMap<>();
        for (String name : settings.probeOverrides().keySet()) {
            perProbe.put(name, new RegressionRule(settings.tolerance(name), settings.tailTolerance(name),
                    settings.minChangeNanos(name), settings.minSamples(name)));
        }
        return new RegressionRules(new RegressionRule(settings.tolerance(), settings.tailTolerance(),
                settings.minChangeNanos(), settings.minSamples()), perProbe);
    }

    private static void finish(Reporter reporter, AgentConfig config, Logger log) {
        if (!reporter.finish(config.shutdownTimeoutNanos())) {
            log.error("the final report was not complete within shutdown.timeout ({} ms); the JVM exits without it",
                    TimeUnit.NANOSECONDS.toMillis(config.shutdownTimeoutNanos()));
        }
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((key, value) -> properties.put(String.valueOf(key), String.valueOf(value)));
        return properties;
    }
}
