package io.perfweave.agent.weave;

import io.perfweave.agent.config.Glob;
import io.perfweave.agent.config.ProbeSpec;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the weaver up on a thread of its own while the application starts, behind a {@link WeaveGate}.
 * Loading and verifying Byte Buddy (about a thousand classes) is most of the agent's start-up time;
 * here it overlaps with the application's, and only a class that a probe could select waits for it.
 *
 * <p>Exact from the first call, when {@link #isExact} holds: no class that a probe could select is
 * loaded yet, and none can be loaded by the JDK's own class loaders (which the set-up thread itself
 * uses, so one of their classes waiting for it could wait for ever). Otherwise the agent sets the
 * weaver up before {@code premain} returns, as it does on dynamic attach.
 */
public final class BackgroundWeaving {

    /** How long a class may wait for the weaver; see {@link WeaveGate}. */
    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private BackgroundWeaving() {
    }

    /**
     * Whether weaving set up in the background still sees every call: no probe's class pattern can
     * name a class of the bootstrap or platform loader (its literal prefix rules out every JDK package),
     * and no class it names, nor one searched for {@code @Profiled}, is loaded already.
     */
    public static boolean isExact(Instrumentation instrumentation, List<ProbeSpec> probes, Optional<Glob> profiledClasses) {
        Set<String> jdkPackagePrefixes = jdkPackagePrefixes();
        for (ProbeSpec probe : probes) {
            if (couldNameJdkClass(probe.pattern().classNamePrefix(), jdkPackagePrefixes)) {
                return false;
            }
        }
        WeaveGate gate = new WeaveGate(probes, profiledClasses, BackgroundWeaving.class.getClassLoader(), 0);
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            String name = loaded.getName();
            if (!loaded.isArray() && !IgnoredTypes.isIgnoredName(name)
                    && gate.mayBeWoven(name, loaded.getClassLoader(), null)) {
                return false;
            }
        }
        return true;
    }

    /** @param jdkPackagePrefixes the JDK's package names, each followed by a dot */
    static boolean couldNameJdkClass(String classNamePrefix, Set<String> jdkPackagePrefixes) {
        for (String packagePrefix : jdkPackagePrefixes) {
            if (packagePrefix.startsWith(classNamePrefix) || classNamePrefix.startsWith(packagePrefix)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> jdkPackagePrefixes() {
        Set<String> prefixes = new HashSet<>();
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        for (Module module : ModuleLayer.boot().modules()) {
            ClassLoader loader = module.getClassLoader();
            if (loader == null || loader == platform) {
                for (String name : module.getPackages()) {
                    prefixes.add(name + ".");
                }
            }
        }
        return prefixes;
    }

    /**
     * Registers the gate now and sets the weaver up behind it on the thread {@code perfweave-weaver}. The
     * gate opens when the weaver is ready and {@code readyToRecord} has completed (the reporter runs), so
     * that nothing is recorded before something drains it; if {@code readyToRecord} fails, or takes as
     * long as a class may wait, nothing is woven.
     *
     * @return the gate, for {@link #stop}
     */
    public static WeaveGate start(Instrumentation instrumentation, ProbeTable table, Optional<Glob> profiledClasses,
                                  Future<?> readyToRecord) {
        long started = System.nanoTime();
        WeaveGate gate = new WeaveGate(table.probesFrom(0), profiledClasses, BackgroundWeaving.class.getClassLoader(),
                MAX_WAIT_NANOS);
        instrumentation.addTransformer(gate, true);
        Thread setUp = new Thread(() -> setUp(instrumentation, table, profiledClasses, gate, started, readyToRecord),
                "perfweave-weaver");
        setUp.setDaemon(true);
        setUp.start();
        return gate;
    }

    /**
     * Removes the gate and gives every class its weaver changed its original code back, for a detach
     * or before a reload installs a weaver of its own: with no transformer left that matches them,
     * retransforming them restores the class files they were loaded from.
     *
     * @return how many loaded classes were restored
     */
    public static int stop(Instrumentation instrumentation, WeaveGate gate) {
        instrumentation.removeTransformer(gate);
        List<Class<?>> woven = new ArrayList<>();
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            if (gate.wovenNames().contains(loaded.getName()) && instrumentation.isModifiableClass(loaded)) {
                woven.add(loaded);
            }
        }
        for (int from = 0; from < woven.size(); from += Weaver.BATCH_SIZE) {
            List<Class<?>> batch = woven.subList(from, Math.min(woven.size(), from + Weaver.BATCH_SIZE));
            try {
                instrumentation.retransformClasses(batch.toArray(new Class<?>[0]));
            } catch (Exception | LinkageError e) {
                log().warn("could not restore the original code of {}: {}", batch, e.toString());
            }
        }
        return woven.size();
    }

    private static void setUp(Instrumentation instrumentation, ProbeTable table, Optional<Glob> profiledClasses,
                              WeaveGate gate, long started, Future<?> readyToRecord) {
        try {
            var transformer = new Weaver(instrumentation, table, profiledClasses).transformer();
            readyToRecord.get(Math.max(0, MAX_WAIT_NANOS - (System.nanoTime() - started)), TimeUnit.NANOSECONDS);
            gate.open(transformer);
            log().debug("weaver ready {} ms after the agent started", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (RuntimeException | LinkageError | ExecutionException | TimeoutException e) {
            gate.open(null);
            log().error("the weaver could not be set up, nothing is woven: {}", e.toString());
            return;
        } catch (InterruptedException e) {
            gate.open(null);
            Thread.currentThread().interrupt();
            return;
        }
        retransformLoadedUnwoven(instrumentation, gate);
    }

    /** Looked up when first needed: the gate is set up in {@code premain}, before the agent's logging. */
    private static Logger log() {
        return LoggerFactory.getLogger("perfweave.weave");
    }

    private static void retransformLoadedUnwoven(Instrumentation instrumentation, WeaveGate gate) {
        if (gate.loadedUnwoven().isEmpty()) {
            return;
        }
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            if (gate.loadedUnwoven().contains(loaded.getName()) && instrumentation.isModifiableClass(loaded)) {
                classes.add(loaded);
            }
        }
        log().warn("{} class(es) could not wait for the weaver and loaded unwoven: {}; woven now, their calls until now"
                + " are not counted", classes.size(), gate.loadedUnwoven());
        try {
            instrumentation.retransformClasses(classes.toArray(new Class<?>[0]));
        } catch (Exception | LinkageError e) {
            log().warn("could not retransform {}: {}; they run unprobed", classes, e.toString());
        }
    }
}
