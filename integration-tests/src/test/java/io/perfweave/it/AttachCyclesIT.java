package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.perfweave.it.support.AgentCli;
import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.support.RunningJvm;
import io.perfweave.it.workload.AttachTargetApp;
import io.perfweave.it.workload.Calculator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What attaching costs the target and what detaching leaves behind: repeated attach/detach cycles
 * leave no thread, class or metaspace of the agent behind; attaching with a broad pattern to a JVM
 * with thousands of loaded classes retransforms them in many short safepoints, not one long one.
 */
class AttachCyclesIT {

    private static final int CYCLES = 10;
    private static final Pattern TOTAL = Pattern.compile("Safepoint \"RedefineClasses\".*Total: (\\d+) ns");

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    @SuppressWarnings("unchecked")
    void tenAttachDetachCyclesLeaveNoThreadsClassesOrMetaspaceBehind(Jdk jdk) throws Exception {
        AgentJvm jvm = AgentJvm.on(jdk, "attach-cycles").withoutAgent().main(AttachTargetApp.class);
        Path dir = jvm.directory();
        Files.write(dir.resolve("cycle.properties"), List.of("probe.add.method = " + Calculator.class.getName() + "#add",
                "report.console = false", "prometheus.port = 0"));
        AgentCli cli = AgentCli.on(jdk);
        try (RunningJvm app = jvm.start()) {
            String pid = Long.toString(app.pid());
            app.ask("run 10", "ran");
            Map<String, Long> before = stats(app);
            Map<String, Long> attached = null;
            Map<String, Long> afterFirst = null;
            List<String> threadsAfterFirst = null;
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                AgentCli.Result attach = cli.run(dir, "attach", pid, "--config", "cycle.properties");
                assertThat(attach.exitCode()).as("cycle " + cycle + ": " + attach.describe()).isZero();
                app.ask("run 100", "ran");
                AttachDetachIT.awaitCalls(cli, dir, pid, "add", 100);
                if (cycle == 1) {
                    attached = stats(app);
                }
                AgentCli.Result detach = cli.run(dir, "detach", pid);
                assertThat(detach.exitCode()).as("cycle " + cycle + ": " + detach.describe()).isZero();
                if (cycle == 1) {
                    afterFirst = stats(app);
                    threadsAfterFirst = threads(app);
                }
            }
            List<String> threadsAfterLast = threads(app);
            long agentClasses = attached.get("loaded") - before.get("loaded");
            long agentMetaspace = attached.get("metaspace") - before.get("metaspace");
            assertThat(threadsAfterLast).as("threads after the last cycle").isEqualTo(threadsAfterFirst)
                    .noneMatch(name -> name.startsWith("perfweave"));
            assertThat(agentClasses).as("classes one attached agent loads").isGreaterThan(500);

            // Unloading a class loader takes a full collection after everything that referred to it is
            // gone, and the JDK lets go of some things late: a finalized executor, soft references.
            // Were any of the ten loaders kept, its classes alone would exceed the bound for ever.
            long settling = System.nanoTime();
            Map<String, Long>[] afterLast = new Map[1];
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                afterLast[0] = stats(app);
                assertThat(afterLast[0].get("loaded") - before.get("loaded"))
                        .as("classes loaded beyond the start, when one agent loads %d", agentClasses)
                        .isLessThan(agentClasses);
                assertThat(afterLast[0].get("metaspace") - before.get("metaspace"))
                        .as("metaspace beyond the start, when one agent takes %d bytes", agentMetaspace)
                        .isLessThan(agentMetaspace);
            });
            System.out.printf("attach cycles on %s: before %s, attached %s, after cycle 1 %s, after cycle %d %s"
                            + " (settled within %d ms)%n", jdk, before, attached, afterFirst, CYCLES, afterLast[0],
                    java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - settling));
            // What one attach loaded and a detach took away again: the agent's own classes, not the JDK's.
            long agentOwnClasses = attached.get("loaded") - afterLast[0].get("loaded");
            assertThat(afterLast[0].get("unloaded") - before.get("unloaded"))
                    .as("classes unloaded over %d cycles, when one agent has %d of its own", CYCLES, agentOwnClasses)
                    .isGreaterThanOrEqualTo(CYCLES * agentOwnClasses);
            assertThat(app.ask("quit", "bye")).isEqualTo("bye");
        }
    }

    /**
     * The measurement takes one to two minutes of weaving per JDK on a small machine; in the build it
     * runs on the newest JDK only (docs/attach.md has both, run by hand with this method on each).
     */
    static List<Jdk> newestJdk() {
        List<Jdk> all = io.perfweave.it.support.Jdks.all();
        return List.of(all.get(all.size() - 1));
    }

    @ParameterizedTest
    @MethodSource("newestJdk")
    void attachingWithABroadPatternRetransformsInManyShortSafepoints(Jdk jdk) throws Exception {
        AgentJvm jvm = AgentJvm.on(jdk, "attach-pause").withoutAgent()
                .jvmOption("-Xlog:safepoint=info:file=safepoints.log").main(AttachTargetApp.class);
        Path dir = jvm.directory();
        Files.write(dir.resolve("broad.properties"), List.of("probe.swing.method = javax.swing.*#*",
                "report.console = false"));
        try (RunningJvm app = jvm.start()) {
            String pid = Long.toString(app.pid());
            long loaded = Long.parseLong(app.ask("load-jdk", "loaded-jdk=").substring("loaded-jdk=".length()));
            assertThat(loaded).isGreaterThan(3000);

            app.ask("gaps-start", "gaps-started");
            await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
            long idleGapMicros = gap(app.ask("gaps-stop", "max-gap-us="));

            app.ask("gaps-start", "gaps-started");
            AgentCli.Result attach = AgentCli.on(jdk).run(dir, "attach", pid, "--config", "broad.properties");
            long attachGapMicros = gap(app.ask("gaps-stop", "max-gap-us="));
            assertThat(attach.exitCode()).as(attach.describe()).isZero();
            Matcher retransformed = Pattern.compile("retransformed (\\d+) loaded class\\(es\\) in (\\d+) ms")
                    .matcher(attach.stdout());
            assertThat(retransformed.find()).as(attach.stdout()).isTrue();
            long classes = Long.parseLong(retransformed.group(1));

            List<Long> redefinitions = new ArrayList<>();
            Matcher total = TOTAL.matcher(Files.readString(dir.resolve("safepoints.log")));
            while (total.find()) {
                redefinitions.add(Long.parseLong(total.group(1)));
            }
            long longest = redefinitions.stream().mapToLong(Long::longValue).max().orElse(0);
            long sum = redefinitions.stream().mapToLong(Long::longValue).sum();
            System.out.printf("attach pause on %s: %d loaded JDK classes, %d retransformed in %s ms, %d RedefineClasses"
                            + " safepoints, longest %.2f ms, all together %.1f ms; longest gap of a 100us ticker: idle %d us,"
                            + " during attach %d us%n", jdk, loaded, classes, retransformed.group(2), redefinitions.size(),
                    longest / 1e6, sum / 1e6, idleGapMicros, attachGapMicros);

            assertThat(classes).as("classes of javax.swing retransformed").isGreaterThan(500);
            assertThat(redefinitions.size()).as("one safepoint per batch of at most 50 classes")
                    .isGreaterThanOrEqualTo((int) (classes / 50));
            assertThat(AgentCli.on(jdk).run(dir, "detach", pid).exitCode()).isZero();
            assertThat(app.ask("quit", "bye")).isEqualTo("bye");
        }
    }

    private static long gap(String answer) {
        return Long.parseLong(answer.substring("max-gap-us=".length()));
    }

    private static Map<String, Long> stats(RunningJvm app) {
        Map<String, Long> stats = new HashMap<>();
        for (String pair : app.ask("stats", "stats ").substring("stats ".length()).split(" ")) {
            String[] kv = pair.split("=");
            stats.put(kv[0], Long.parseLong(kv[1]));
        }
        return stats;
    }

    /** Live thread names, without the JIT compiler's threads, which the JVM starts and ends as it likes. */
    private static List<String> threads(RunningJvm app) {
        return List.copyOf(new TreeSet<>(Arrays.stream(app.ask("threads", "threads=").substring("threads=".length())
                .split(",")).filter(name -> !name.contains("CompilerThread")).toList()));
    }
}
