package io.perfweave.agent.core;

import io.perfweave.agent.baseline.RegressionRule;
import io.perfweave.agent.baseline.RegressionRules;
import io.perfweave.agent.boot.AgentBridge;
import io.perfweave.agent.budget.BudgetEvaluator;
import io.perfweave.agent.check.ProbeChecks;
import io.perfweave.agent.config.AgentConfig;
import io.perfweave.agent.config.BaselineSettings;
import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.config.ConfigProblem;
import io.perfweave.agent.config.ProbeSpec;
import io.perfweave.agent.config.HealthSettings;
import io.perfweave.agent.jvm.JvmMonitor;
import io.perfweave.agent.jvm.PressureThresholds;
import io.perfweave.agent.log.AgentLogging;
import io.perfweave.agent.overhead.OverheadMeter;
import io.perfweave.agent.probe.AllocationCounter;
import io.perfweave.agent.probe.ProbeRings;
import io.perfweave.agent.report.Reporter;
import io.perfweave.agent.report.RunInfo;
import io.perfweave.agent.weave.BackgroundWeaving;
import io.perfweave.agent.weave.ProbeTable;
import io.perfweave.agent.weave.Weaver;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
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
        Reporter reporter = new Reporter(config.probes(), probes, SinkAssembly.sinks(config, run, log, jvm),
                new BudgetEvaluator(config.budgets(), config.reporterIntervalNanos(), config.significantDigits()),
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
        weave(instrumentation, probes, config, dynamic);
        log.info("Perfweave {} {} on {} {}: {} probe(s) from {}, reporting every {} ms", AgentVersion.get(),
                dynamic ? "attached" : "started", run.jvmName(), run.jvmVersion(), config.probes().size(),
                config.source(), TimeUnit.NANOSECONDS.toMillis(config.reporterIntervalNanos()));
        for (ProbeSpec probe : config.probes()) {
            log.info("probe '{}': {}", probe.name(), probe.pattern());
        }
    }

    /**
     * At start-up, when that sees every call, the weaver is set up while the application starts
     * (see {@link BackgroundWeaving}); on dynamic attach, or when a probe could name a JDK class, before
     * this returns.
     */
    private static void weave(Instrumentation instrumentation, ProbeTable probes, AgentConfig config, boolean dynamic) {
        if (!dynamic && BackgroundWeaving.isExact(instrumentation, config.probes(), config.profiledClasses())) {
            BackgroundWeaving.start(instrumentation, probes, config.profiledClasses());
        } else {
            new Weaver(instrumentation, probes, config.profiledClasses()).install();
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
