package io.perfweave.benchmarks.attach;

import io.perfweave.benchmarks.footprint.ProbedClassesGenerator;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The attach benchmark's application: a JVM started without the agent that has loaded and run every
 * class of a large generated class path (see {@link ProbedClassesGenerator}), to which the agent is
 * attached with one probe matching every method of them all. It measures what the attach costs its
 * threads, and prints one {@code attach-pause:} line for {@code scripts/benchmarks.sh}:
 *
 * <ul>
 *   <li>hiccups ({@link HiccupMeter}): the longest time a thread was held up, first over an idle
 *   stretch (what the machine itself costs), then while the attach command runs;</li>
 *   <li>the JVM's safepoints that ended during the attach ({@link SafepointLog}; the JVM must run
 *   with {@code -Xlog:safepoint=info:file=<path>}): those of {@code RedefineClasses}, one per batch of
 *   retransformed classes, and all of them;</li>
 *   <li>the attach's own figures: classes retransformed and the time the agent took, as the command
 *   prints them, and the command's wall time from its launch to its exit.</li>
 * </ul>
 *
 * <p>The target runs the command itself ({@code java -jar perfweave-agent.jar attach <own pid>}, with
 * the JDK it runs on), as a separate process, so that it knows when the attach starts and ends.
 * While it measures, a worker calls every generated method {@value #ROUNDS_PER_SECOND} times a second,
 * after enough calls beforehand for the JIT to have compiled them: retransformation then has compiled
 * code to throw away, as in a real application.
 *
 * <p>Arguments: the agent jar, the agent configuration, the safepoint log file, idle seconds.
 */
public final class AttachPauseTarget {

    private static final int WARM_UP_ROUNDS = 300;
    private static final int ROUNDS_PER_SECOND = 10;
    private static final Pattern RETRANSFORMED = Pattern.compile("retransformed (\\d+) loaded class\\(es\\) in (\\d+) ms");
    private static volatile int sink;

    private AttachPauseTarget() {
    }

    public static void main(String[] args) throws Exception {
        String agentJar = args[0];
        String config = args[1];
        SafepointLog safepoints = new SafepointLog(Path.of(args[2]));
        long idleSeconds = Long.parseLong(args[3]);

        IntUnaryOperator allMethods = (IntUnaryOperator) Class.forName(ProbedClassesGenerator.ALL_PROBES)
                .getDeclaredConstructor().newInstance();
        int value = 0;
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            value = allMethods.applyAsInt(value);
        }
        sink = value;
        Thread worker = new Thread(() -> callEveryMethod(allMethods), "generated-methods-caller");
        worker.setDaemon(true);
        worker.start();
        int loadedClasses = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();

        HiccupMeter meter = new HiccupMeter();
        meter.start();
        pause(idleSeconds * 1_000_000_000L);
        HiccupMeter.Hiccups idle = meter.stop();

        long logLength = safepoints.length();
        meter.start();
        long launched = System.nanoTime();
        Process command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", agentJar, "attach", Long.toString(ProcessHandle.current().pid()), "--config", config)
                .redirectErrorStream(true).start();
        String output = new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exitCode = command.waitFor();
        double commandMs = (System.nanoTime() - launched) / 1e6;
        HiccupMeter.Hiccups attach = meter.stop();
        SafepointLog.Since during = safepoints.since(logLength);

        Matcher retransformed = RETRANSFORMED.matcher(output);
        if (exitCode != 0 || !retransformed.find()) {
            System.err.println("the attach failed (exit code " + exitCode + "):\n" + output);
            System.exit(1);
        }
        System.out.println(String.format(Locale.ROOT, "attach-pause: loadedClasses=%d retransformed=%s agentMs=%s"
                        + " commandMs=%.0f redefinitions=%d redefinitionLongestMs=%.1f redefinitionTotalMs=%.1f"
                        + " safepoints=%d safepointLongestMs=%.1f safepointTotalMs=%.1f idleSeconds=%.1f"
                        + " idleLongestMs=%.1f idleStalls=%d idleStalledMs=%.1f attachSeconds=%.1f attachLongestMs=%.1f"
                        + " attachStalls=%d attachStalledMs=%.1f",
                loadedClasses, retransformed.group(1), retransformed.group(2), commandMs,
                during.redefinitions().count(), during.redefinitions().longestMs(), during.redefinitions().totalMs(),
                during.all().count(), during.all().longestMs(), during.all().totalMs(), idle.seconds(),
                idle.longestMs(), idle.stalls(), idle.stalledMs(), attach.seconds(), attach.longestMs(), attach.stalls(), attach.stalledMs()));
        // The agent stays attached: exit without waiting for its threads.
        System.exit(0);
    }

    private static void callEveryMethod(IntUnaryOperator allMethods) {
        long period = 1_000_000_000L / ROUNDS_PER_SECOND;
        long next = System.nanoTime();
        int value = 0;
        while (true) {
            value = allMethods.applyAsInt(value);
            sink = value;
            next += period;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime();
            }
        }
    }

    private static void pause(long nanos) {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
