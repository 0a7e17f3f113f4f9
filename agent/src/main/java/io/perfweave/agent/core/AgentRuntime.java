package io.perfweave.agent.core;

import io.perfweave.agent.adaptive.AdaptiveSampling;
import io.perfweave.agent.baseline.RegressionRule;
import io.perfweave.agent.baseline.RegressionRules;
import io.perfweave.agent.boot.AgentBridge;
import io.perfweave.agent.budget.BudgetEvaluator;
import io.perfweave.agent.boot.AgentControl;
import io.perfweave.agent.boot.AgentPresence;
import io.perfweave.agent.control.CommandReply;
import io.perfweave.agent.control.CommandRequest;
import io.perfweave.agent.check.ProbeChecks;
import io.perfweave.agent.config.AgentConfig;
import io.perfweave.agent.config.BaselineSettings;
import io.perfweave.agent.config.BudgetLimits;
import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.config.ConfigProblem;
import io.perfweave.agent.config.ProbeSpec;
import io.perfweave.agent.config.HealthSettings;
import io.perfweave.agent.jvm.JvmMonitor;
import io.perfweave.agent.jvm.PressureThresholds;
import io.perfweave.agent.log.AgentLogging;
import io.perfweave.agent.overhead.OverheadMeter;
import io.perfweave.agent.probe.AllocationCounter;
import io.perfweave.agent.probe.ProbeRing;
import io.perfweave.agent.probe.ProbeRings;
import io.perfweave.agent.probe.ProbeRuntimeWarmUp;
import io.perfweave.agent.report.Reporter;
import io.perfweave.agent.report.RunInfo;
import io.perfweave.agent.weave.AdaptiveProbes;
import io.perfweave.agent.weave.BackgroundWeaving;
import io.perfweave.agent.weave.ProbeTable;
import io.perfweave.agent.weave.WeaveGate;
import io.perfweave.agent.weave.Weaver;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent inside the target JVM, from start to detach. It starts in this order: configuration
 * (collecting every problem), logging (configured by it), reporter and sinks, the shutdown hook that
 * writes the final report, and last the weaver, so that nothing is recorded before something drains
 * it (with {@code -javaagent}, most of it in the background: see {@link #start}). A detach undoes it in reverse: the original bytecode first, so that nothing new is recorded,
 * then the final report, threads, hook and every static reference from the bootstrap class path, so
 * that the agent's class loader can be collected.
 *
 * <p>Started reflectively by {@code PerfweaveAgent} ({@link #start}, for {@code -javaagent}) or by
 * {@link NewRuntimeCommands} ({@link #attach}); afterwards commands reach it through
 * {@link RunningCommands}. Commands and the configuration watcher are serialized on this object.
 */
public final class AgentRuntime {

    /**
     * Set while an agent runs, to its version, so that {@code list}, and {@code attach} of another
     * version, can tell without loading anything into the JVM. Outside the {@code perfweave.} prefix,
     * which is read as configuration.
     */
    public static final String VERSION_PROPERTY = "io.perfweave.agent.version";
    /** How long a test's checkpoint or check waits for the reporter, which answers within one drain pause. */
    private static final long LATENCY_REQUEST_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Instrumentation instrumentation;
    private final boolean attached;
    private final Path workingDirectory;
    private final AgentConfig config;
    private final RunInfo run;
    private final ProbeTable probes;
    private final Reporter reporter;
    private final Thread shutdownHook;
    /** Whether {@link #shutdownHook} was registered before this object existed (start-up in the background). */
    private final boolean shutdownHookRegistered;
    private final Logger log;
    private final Instant startTime;
    /** The configuration's agent arguments, for reloads: a reload with another file replaces only {@code config=}. */
    private String agentArgs;
    private String configSource;
    /** The weaver's transformer; {@code null} while a {@link #gate} weaves instead. */
    private ResettableClassFileTransformer transformer;
    /** The gate of start-up weaving (see {@link BackgroundWeaving}), until a reload or detach removes it. */
    private WeaveGate gate;
    private ConfigWatcher watcher;
    private int reloads;
    private boolean detached;

    private AgentRuntime(Instrumentation instrumentation, AgentConfig config, String agentArgs, Path workingDirectory,
                         boolean attached, Probing probing, Thread registeredShutdownHook) {
        this.instrumentation = instrumentation;
        this.config = config;
        this.agentArgs = agentArgs == null ? "" : agentArgs;
        this.workingDirectory = workingDirectory;
        this.attached = attached;
        this.configSource = config.source();
        this.startTime = Instant.now();
        this.log = LoggerFactory.getLogger("perfweave.agent");
        this.probes = probing.table();
        AdaptiveSampling adaptive = probing.adaptive();
        this.run = RunInfo.ofCurrentJvm(AgentVersion.get(), config.source());
        JvmMonitor jvm = jvmMonitor(config, log);
        if (adaptive != null && jvm != null) {
            jvm.pressure().addListener(adaptive);
        } else if (adaptive != null) {
            log.warn("adaptive sampling has no memory pressure to follow; every probe keeps its own rate");
        }
        this.reporter = new Reporter(config.probes(), probes, SinkAssembly.sinks(config, run, log, jvm),
                new BudgetEvaluator(config.budgets(), config.reporterIntervalNanos(), config.significantDigits(), jvm),
                config.reporterIntervalNanos(), config.significantDigits(), Clock.systemUTC(), jvm,
                new OverheadMeter(config.health().overheadBudget(), jvm));
        this.shutdownHook = registeredShutdownHook != null ? registeredShutdownHook
                : new Thread(() -> finish(reporter, ExitDeadline.startingNow(config.shutdownTimeoutNanos()), config, log),
                "perfweave-shutdown");
        this.shutdownHookRegistered = registeredShutdownHook != null;
    }

    /**
     * {@code -javaagent} (or a plain dynamic load): runs with the valid part of a configuration that has problems.
     *
     * <p>With {@code -javaagent}, {@code premain} (and so the application) waits only for what no call may
     * miss: the configuration, and the gate that holds back every class a probe could select (see
     * {@link BackgroundWeaving}). Logging, the JVM monitor, reporter, sinks and the weaver are set up on
     * threads of their own while the application starts, and the gate opens once the weaver is ready and
     * the reporter runs. That halves the agent's start-up cost again (docs/benchmarks.md): loading and
     * initializing the classes of logging, JFR, JMX and the sinks was most of what was left of it. Where the
     * gate cannot be exact, and on dynamic loads, everything is set up before this returns, as before.
     */
    public static void start(Instrumentation instrumentation, String agentArgs, File agentJar, boolean dynamic) {
        Path workingDirectory = Path.of("").toAbsolutePath();
        ConfigLoader.Result loaded = ConfigLoader.load(agentArgs, systemProperties(), workingDirectory);
        AgentConfig config = loaded.config();
        AgentLogging.configure(config.logLevel(), config.logFile());
        Probing probes = Probing.of(config);
        if (dynamic || !BackgroundWeaving.isExact(instrumentation, config.probes(), config.profiledClasses())) {
            logProblems(loaded.problems());
            new AgentRuntime(instrumentation, config, agentArgs, workingDirectory, dynamic, probes, null).begin();
            return;
        }
        startInBackground(instrumentation, loaded, agentArgs, workingDirectory, probes);
    }

    private static void startInBackground(Instrumentation instrumentation, ConfigLoader.Result loaded, String agentArgs,
                                          Path workingDirectory, Probing probes) {
        AgentConfig config = loaded.config();
        startRecording(config);
        CompletableFuture<AgentRuntime> started = new CompletableFuture<>();
        WeaveGate gate = BackgroundWeaving.start(instrumentation, probes.table(), config.profiledClasses(), started);
        System.setProperty(VERSION_PROPERTY, AgentVersion.get());
        // Requests that come before the runtime is up wait for it; begin() installs the real handlers.
        AgentBridge.install(request -> awaitStarted(started, TimeUnit.SECONDS.toNanos(30)) == null
                ? new String[] {AgentBridge.NOT_ATTACHED, "the Perfweave agent did not start in this JVM"}
                : AgentBridge.call(request));
        AgentControl.install(requestFile -> {
            if (awaitStarted(started, TimeUnit.SECONDS.toNanos(30)) != null) {
                AgentControl.handle(requestFile);
            }
        });
        // Registered now, so that a JVM exiting while the agent starts still gets its final report. Waiting for
        // start-up and for the final report share one shutdown.timeout: the exit is never held up longer.
        Thread atExit = new Thread(() -> {
            ExitDeadline deadline = ExitDeadline.startingNow(config.shutdownTimeoutNanos());
            Optional<AgentRuntime> runtime = deadline.await(started);
            if (runtime.isPresent()) {
                finish(runtime.get().reporter, deadline, config, runtime.get().log);
            } else if (!started.isDone()) {
                LoggerFactory.getLogger("perfweave.agent").error("the agent had not started within shutdown.timeout"
                        + " ({} ms); the JVM exits without a final report", millis(config.shutdownTimeoutNanos()));
            }
        }, "perfweave-shutdown");
        Runtime.getRuntime().addShutdownHook(atExit);
        Thread setUp = new Thread(() -> {
            try {
                logProblems(loaded.problems());
                AgentRuntime runtime = new AgentRuntime(instrumentation, config, agentArgs, workingDirectory, false,
                        probes, atExit);
                runtime.gate = gate;
                runtime.begin();
                started.complete(runtime);
            } catch (RuntimeException | LinkageError e) {
                AgentBridge.uninstall();
                AgentControl.uninstall();
                started.completeExceptionally(e);
                LoggerFactory.getLogger("perfweave.agent").error("the agent could not start; nothing is profiled", e);
            }
        }, "perfweave-start");
        setUp.setDaemon(true);
        setUp.start();
    }

    /** The started runtime, or {@code null} if it failed or is not up within {@code timeoutNanos}. */
    private static AgentRuntime awaitStarted(CompletableFuture<AgentRuntime> started, long timeoutNanos) {
        try {
            return started.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    private static void logProblems(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        Logger log = LoggerFactory.getLogger("perfweave.agent");
        for (ConfigProblem problem : problems) {
            log.error("configuration problem: {}", problem);
        }
        log.error("{} configuration problem(s); the agent runs with the valid settings and probes", problems.size());
    }

    /** A new run of the probe runtime, before anything is woven. */
    private static void startRecording(AgentConfig config) {
        ProbeRings.startRun();
        ProbeRings.setMaxCapacity(config.ringCapacity());
    }

    /**
     * The {@code attach} command: unlike {@code -javaagent}, a configuration with any problem is
     * refused before anything in the target changes, because the user is there to fix it.
     */
    static CommandReply attach(Instrumentation instrumentation, CommandRequest request, File agentJar) {
        String arguments = request.agentArguments();
        ConfigLoader.Result loaded = ConfigLoader.load(arguments, systemProperties(), request.workingDirectory());
        if (!loaded.problems().isEmpty()) {
            return new CommandReply(CommandReply.BAD_INPUT, problems(loaded.problems())
                    + "nothing was attached; the JVM is unchanged");
        }
        AgentConfig config = loaded.config();
        AgentLogging.configure(config.logLevel(), config.logFile());
        AgentRuntime runtime = new AgentRuntime(instrumentation, config, arguments, request.workingDirectory(), true,
                Probing.of(config), null);
        long began = System.nanoTime();
        try {
            runtime.begin();
        } catch (RuntimeException | LinkageError e) {
            runtime.log.error("attach failed; undoing it", e);
            runtime.detach();
            return new CommandReply(CommandReply.WRONG_STATE, "attach failed and was undone: " + e);
        }
        return CommandReply.ok("Perfweave " + AgentVersion.get() + " attached to " + run(runtime.run) + ": "
                + config.probes().size() + " probe(s) from " + config.source() + "; retransformed "
                + runtime.lastRetransformed + " loaded class(es) in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began) + " ms");
    }

    private int lastRetransformed;

    private void begin() {
        if (gate == null) {
            startRecording(config);
        }
        ProbeRuntimeWarmUp.run();
        reporter.start();
        ProbeChecks checks = new ProbeChecks(() -> reporter.latencySoFar(LATENCY_REQUEST_TIMEOUT_NANOS),
                this::budgetOf, rules(config.baseline()));
        AgentBridge.install(checks::handle);
        if (!shutdownHookRegistered) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }

        if (config.probes().stream().anyMatch(ProbeSpec::allocations) && !AllocationCounter.isSupported()) {
            log.warn("this JVM cannot measure allocation per thread; allocations stay unmeasured");
        }
        if (gate == null) {
            Weaver weaver = new Weaver(instrumentation, probes, config.profiledClasses());
            transformer = weaver.install();
            lastRetransformed = weaver.retransformed();
        }
        System.setProperty(VERSION_PROPERTY, AgentVersion.get());
        AgentControl.install(new RunningCommands(this)::handle);
        if (config.configWatch()) {
            watcher = ConfigWatcher.start(config.configFile().orElseThrow(), this::reloadFromWatch);
        }
        log.info("Perfweave {} {} on {} {}: {} probe(s) from {}, reporting every {} ms{}", AgentVersion.get(),
                attached ? "attached" : "started", run.jvmName(), run.jvmVersion(), config.probes().size(),
                config.source(), TimeUnit.NANOSECONDS.toMillis(config.reporterIntervalNanos()),
                config.configWatch() ? ", watching the configuration file" : "");
        for (ProbeSpec probe : config.probes()) {
            log.info("probe '{}': {}", probe.name(), probe.pattern());
        }
        if (config.adaptive().enabled()) {
            log.info("adaptive sampling on: {} probe(s) of normal or low priority are timed less often at orange and red"
                    + " memory pressure", config.probes().stream().filter(probe -> config.adaptive().adapts(probe)).count());
        }
    }

    /** {@code status}: what is attached, and its figures so far. */
    synchronized CommandReply status() {
        Map<String, Histogram> latency;
        try {
            latency = reporter.latencySoFar(LATENCY_REQUEST_TIMEOUT_NANOS);
        } catch (TimeoutException | InterruptedException e) {
            return new CommandReply(CommandReply.WRONG_STATE, "the agent's reporter did not answer: " + e);
        }
        StringBuilder text = new StringBuilder();
        text.append("Perfweave ").append(AgentVersion.get()).append(attached ? " attached to " : " started with ")
                .append(run(run)).append(" since ").append(startTime).append('\n');
        text.append("configuration: ").append(configSource).append(reloads > 0 ? " (reloaded " + reloads + " time(s))" : "")
                .append(config.configWatch() ? ", watched" : "").append('\n');
        long droppedTotal = 0;
        StringBuilder lines = new StringBuilder();
        List<ProbeSpec> active = probes.probesFrom(0);
        for (ProbeSpec probe : active) {
            long dropped = ProbeRings.dropped(probe.id(), ProbeRing.OUTCOME_RETURNED)
                    + ProbeRings.dropped(probe.id(), ProbeRing.OUTCOME_THREW);
            Histogram timed = latency.get(probe.name());
            long calls = (timed == null ? 0 : timed.getTotalCount()) + dropped;
            droppedTotal += dropped;
            lines.append("  ").append(probe.name()).append(": ").append(probes.methods(probe.id()).size())
                    .append(" method(s), ").append(calls).append(" call(s), ").append(dropped).append(" dropped - ")
                    .append(probe.pattern()).append('\n');
        }
        text.append(active.size()).append(" probe(s), ").append(droppedTotal).append(" record(s) dropped\n").append(lines);
        return CommandReply.ok(text.toString().stripTrailing());
    }

    /** {@code reload}: with another file ({@code --config}) or the same one, keeping any other arguments. */
    synchronized CommandReply reload(Optional<Path> otherFile) {
        if (detached) {
            return new CommandReply(CommandReply.WRONG_STATE, "the agent has detached");
        }
        String arguments = agentArgs;
        if (otherFile.isPresent()) {
            List<String> parts = new ArrayList<>();
            for (String part : ConfigLoader.splitArguments(agentArgs)) {
                if (!part.startsWith(ConfigLoader.CONFIG_KEY + "=")) {
                    parts.add(part);
                }
            }
            parts.add(0, ConfigLoader.CONFIG_KEY + "=" + otherFile.get());
            arguments = String.join(",", parts);
        }
        ConfigLoader.Result loaded = ConfigLoader.load(arguments, systemProperties(), workingDirectory);
        if (!loaded.problems().isEmpty()) {
            return new CommandReply(CommandReply.BAD_INPUT, problems(loaded.problems())
                    + "the configuration was not applied; the agent runs on with the one before");
        }
        AgentConfig next = loaded.config();
        ProbeTable.Changes changes;
        try {
            changes = probes.reconfigure(next.probes());
        } catch (IllegalStateException e) {
            return new CommandReply(CommandReply.WRONG_STATE, e.getMessage());
        }
        agentArgs = arguments;
        configSource = next.source();
        reloads++;
        StringBuilder text = new StringBuilder("reloaded ").append(next.source()).append(": ");
        if (changes.any()) {
            Weaver weaver = new Weaver(instrumentation, probes, config.profiledClasses());
            if (gate != null) {
                // The start-up gate cannot be substituted in place: it gives its classes their code back, then
                // a weaver of the new rules takes over (calls in between are not timed).
                BackgroundWeaving.stop(instrumentation, gate);
                gate = null;
                transformer = weaver.install();
            } else {
                transformer = weaver.replace(transformer);
            }
            text.append("added ").append(changes.added()).append(", changed ").append(changes.changed())
                    .append(", removed ").append(changes.removed()).append(", unchanged ").append(changes.unchanged())
                    .append(" (figures kept); retransformed ").append(weaver.retransformed()).append(" loaded class(es)");
        } else {
            text.append("no probe changed");
        }
        List<String> notApplied = settingsChangedBesidesProbes(next);
        if (!notApplied.isEmpty()) {
            text.append("\nonly probes change on reload; these settings take effect at the next attach: ")
                    .append(String.join(", ", notApplied));
        }
        log.info("{}", text);
        return CommandReply.ok(text.toString());
    }

    private void reloadFromWatch() {
        CommandReply reply = reload(Optional.empty());
        if (reply.exitCode() != CommandReply.OK) {
            log.error("config.watch: the edited configuration was not applied:\n{}", reply.text());
        }
    }

    /** The settings that differ from the running ones, named as {@link AgentConfig}'s components. */
    private List<String> settingsChangedBesidesProbes(AgentConfig next) {
        List<String> changed = new ArrayList<>();
        for (RecordComponent component : AgentConfig.class.getRecordComponents()) {
            String name = component.getName();
            if (name.equals("probes") || name.equals("source") || name.equals("configFile")) {
                continue;
            }
            try {
                Method accessor = component.getAccessor();
                Object running = accessor.invoke(config);
                Object edited = accessor.invoke(next);
                // Some settings (class name patterns) have no equals; their text says what they are.
                if (!Objects.equals(running, edited) && !String.valueOf(running).equals(String.valueOf(edited))) {
                    changed.add(name);
                }
            } catch (ReflectiveOperationException e) {
                changed.add(name);
            }
        }
        return changed;
    }

    /**
     * {@code detach}: restores the original bytecode, writes the final report, stops every thread
     * the agent started, and clears every reference from the bootstrap class path and the JVM to the
     * agent's internals. Probes of woven code still running on some stack call only the probe runtime
     * on the bootstrap class path, whose records nobody drains any more: they cost nothing and go nowhere.
     */
    CommandReply detach() {
        ConfigWatcher stopping;
        synchronized (this) {
            if (detached) {
                return new CommandReply(CommandReply.WRONG_STATE, "the agent has detached already");
            }
            detached = true;
            stopping = watcher;
        }
        if (stopping != null) {
            // Outside the lock: the watcher may be waiting for it to reload.
            stopping.stop();
        }
        synchronized (this) {
            AgentControl.uninstall();
            AgentBridge.uninstall();
            boolean restored = transformer == null || Weaver.restore(instrumentation, transformer);
            transformer = null;
            if (gate != null) {
                BackgroundWeaving.stop(instrumentation, gate);
                gate = null;
            }
            boolean reported = reporter.finish(config.shutdownTimeoutNanos());
            boolean stopped;
            try {
                stopped = reporter.awaitStopped(config.shutdownTimeoutNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = false;
            }
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException exiting) {
                // the JVM is shutting down: the hook runs anyway and finds the report written
            }
            System.clearProperty(VERSION_PROPERTY);
            Weaver.forgetSettings();
            String text = "Perfweave detached from " + run(run) + ": "
                    + (restored ? "original bytecode restored" : "the weaver was already removed")
                    + (reported ? ", final report written" + config.jsonReport().map(p -> " (" + p + ")").orElse("")
                    : ", the final report was not complete within shutdown.timeout")
                    + (stopped ? "" : "; the reporter thread did not stop in time");
            log.info("{}", text);
            AgentLogging.forget();
            AgentPresence.release();
            return new CommandReply(reported && stopped ? CommandReply.OK : CommandReply.WRONG_STATE, text);
        }
    }

    private static String run(RunInfo run) {
        return "pid " + run.pid() + " (" + run.jvmName() + " " + run.jvmVersion() + ")";
    }

    private static String problems(List<ConfigProblem> problems) {
        StringBuilder text = new StringBuilder();
        text.append(problems.size()).append(" configuration problem(s):\n");
        for (ConfigProblem problem : problems) {
            text.append("  ").append(problem).append('\n');
        }
        return text.toString();
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

    /**
     * A probe's budget as the reporter's {@code BudgetEvaluator} judges it: from the configuration of
     * the start (a reload changes probes only) and, for a {@code @Profiled} probe, its annotation.
     */
    private BudgetLimits budgetOf(String probeName) {
        BudgetLimits annotated = probes.probesFrom(0).stream().filter(probe -> probe.name().equals(probeName))
                .map(ProbeSpec::annotatedBudget).findFirst().orElse(BudgetLimits.NONE);
        return config.budgets().budgetOf(probeName, annotated);
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

    /** The shutdown hook's final report, in what is left of its deadline. */
    private static void finish(Reporter reporter, ExitDeadline deadline, AgentConfig config, Logger log) {
        if (!reporter.finish(deadline.remainingNanos())) {
            log.error("the final report was not complete within shutdown.timeout ({} ms); the JVM exits without it",
                    millis(config.shutdownTimeoutNanos()));
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((key, value) -> properties.put(String.valueOf(key), String.valueOf(value)));
        return properties;
    }

    /** The probe table and, with {@code adaptive = true}, the sampling it tells about adaptive probes. */
    private record Probing(ProbeTable table, AdaptiveSampling adaptive) {

        static Probing of(AgentConfig config) {
            AdaptiveSampling adaptive = config.adaptive().enabled() ? new AdaptiveSampling(config.adaptive()) : null;
            return new Probing(new ProbeTable(config.probes(), adaptive == null ? AdaptiveProbes.NONE : adaptive), adaptive);
        }
    }
}
