package io.perfweave.it;

import static io.perfweave.it.AttachDetachIT.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.perfweave.it.support.AgentCli;
import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.support.RunningJvm;
import io.perfweave.it.workload.AttachTargetApp;
import io.perfweave.it.workload.Calculator;
import io.perfweave.it.workload.IsolatedTask;
import io.perfweave.it.workload.LateTask;
import io.perfweave.it.workload.LaterTask;
import io.perfweave.it.workload.LoadedClassesApp;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an attach reaches and what the command line tells about it: {@code list}; classes of every
 * class loader and JDK module that were loaded and running before the attach; classes that load
 * after it, or after a reload that added their probe; a probe whose pattern a reload changes; and
 * the figures {@code status} prints.
 */
class AttachCoverageIT {

    private static final String CALCULATOR = Calculator.class.getName();

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void listShowsTheTargetAndWhetherPerfweaveIsAttached(Jdk jdk) throws IOException {
        AgentJvm jvm = AgentJvm.on(jdk, "attach-list").withoutAgent().main(AttachTargetApp.class);
        Path dir = jvm.directory();
        write(dir.resolve("attach.properties"), "probe.add.method = " + CALCULATOR + "#add(int, int)",
                "report.console = false");
        AgentCli cli = AgentCli.on(jdk);
        try (RunningJvm app = jvm.start()) {
            String pid = Long.toString(app.pid());
            app.ask("run 10", "ran");
            String main = AttachTargetApp.class.getName();

            assertThat(listRow(cli, dir, pid)).as("not attached yet").matches(pid + " +- +" + Pattern.quote(main));
            assertThat(cli.run(dir, "attach", pid, "--config", "attach.properties").exitCode()).isZero();
            assertThat(listRow(cli, dir, pid)).matches(pid + " +attached " + Pattern.quote(agentVersion()) + " +"
                    + Pattern.quote(main));
            assertThat(cli.run(dir, "detach", pid).exitCode()).isZero();
            assertThat(listRow(cli, dir, pid)).as("detached").matches(pid + " +- +" + Pattern.quote(main));
            assertThat(app.ask("quit", "bye")).isEqualTo("bye");
        }
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void classesOfEveryLoaderLoadedBeforeOrAfterTheAttachOrAReloadAreCountedExactly(Jdk jdk) throws IOException {
        AgentJvm jvm = AgentJvm.on(jdk, "attach-coverage").withoutAgent().main(LoadedClassesApp.class);
        Path dir = jvm.directory();
        String late = LateTask.class.getName();
        String later = LaterTask.class.getName();
        // Rings of 64 records, so that status has records dropped to show: most calls of a burst do not fit
        // between two drains. A dropped call is still counted, to its probe, so every count stays exact.
        List<String> common = List.of("probe.uuid.method = java.util.UUID#toString",
                "probe.timestamp.method = java.sql.Timestamp#toString",
                "probe.isolated.method = " + IsolatedTask.class.getName() + "#getAsInt",
                "probe.late.method = " + late + "#getAsInt", "ring.capacity = 64", "report.console = false");
        write(dir.resolve("first.properties"), with(common, "probe.calc.method = " + CALCULATOR + "#add(int, int)"));
        write(dir.resolve("second.properties"), with(common, "probe.calc.method = " + CALCULATOR + "#multiply",
                "probe.later.method = " + later + "#getAsInt"));
        AgentCli cli = AgentCli.on(jdk);
        try (RunningJvm app = jvm.start()) {
            String pid = Long.toString(app.pid());
            await().atMost(Duration.ofSeconds(60)).until(() -> app.stdoutSoFar().contains("it: ready"));

            Instant beforeAttach = Instant.now();
            AgentCli.Result attach = cli.run(dir, "attach", pid, "--config", "first.properties");
            Instant afterAttach = Instant.now();
            assertThat(attach.exitCode()).as(attach.describe()).isZero();
            // UUID, Timestamp, IsolatedTask and Calculator: the app has not loaded LateTask yet.
            assertThat(attach.stdout()).as(attach.describe()).contains("5 probe(s)", "retransformed 4 loaded class(es)");

            app.ask("use 700", "used");
            AgentCli.Result first = AttachDetachIT.awaitCalls(cli, dir, pid, "calc", 700);
            for (String probe : List.of("uuid", "timestamp", "isolated", "calc")) {
                assertThat(first.probeFigure(probe, "calls")).as(probe + "\n" + first.describe()).isEqualTo(700);
                assertThat(first.probeFigure(probe, "methods")).as(probe + "\n" + first.describe()).isEqualTo(1);
                // The thread's first ring holds the first 16 calls of each: some calls were timed, not all dropped.
                assertThat(first.probeFigure(probe, "dropped")).as(probe + "\n" + first.describe()).isLessThan(700);
            }
            assertThat(first.probeFigure("late", "methods")).as(first.describe()).isZero();
            Status status = Status.of(first);
            assertThat(status.version()).isEqualTo(agentVersion());
            assertThat(status.pid()).isEqualTo(pid);
            assertThat(status.since()).isBetween(beforeAttach, afterAttach);
            assertThat(status.configuration()).isEqualTo(dir.toRealPath().resolve("first.properties").toString());
            assertThat(status.probes()).isEqualTo(5);
            assertThat(status.dropped()).isEqualTo(status.droppedOfProbes(first));

            app.ask("task " + late + " 300", "task");
            AgentCli.Result loadedLater = AttachDetachIT.awaitCalls(cli, dir, pid, "late", 300);
            assertThat(loadedLater.probeFigure("late", "methods")).as(loadedLater.describe()).isEqualTo(1);

            AgentCli.Result reload = cli.run(dir, "reload", pid, "--config", "second.properties");
            assertThat(reload.exitCode()).as(reload.describe()).isZero();
            assertThat(reload.stdout()).contains("added [later]", "changed [calc]", "removed []",
                    "unchanged [uuid, timestamp, isolated, late]");
            app.ask("calc 200 50", "calculated");
            app.ask("task " + later + " 40", "task");
            app.ask("task " + late + " 10", "task");
            app.ask("use 5", "used");
            AgentCli.Result second = AttachDetachIT.awaitCalls(cli, dir, pid, "late", 310);
            assertThat(second.probeFigure("calc", "calls")).as("a changed probe counts its new method only, from zero\n"
                    + second.describe()).isEqualTo(50);
            assertThat(second.probeFigure("calc", "methods")).isEqualTo(1);
            assertThat(second.probeFigure("later", "calls")).as(second.describe()).isEqualTo(40);
            assertThat(second.probeFigure("later", "methods")).isEqualTo(1);
            for (String probe : List.of("uuid", "timestamp", "isolated")) {
                assertThat(second.probeFigure(probe, "calls")).as(probe + ": figures kept\n" + second.describe())
                        .isEqualTo(705);
            }

            // Far more calls at once than a ring of 64 records holds between two drains.
            app.ask("calc 0 200000", "calculated");
            AgentCli.Result burst = AttachDetachIT.awaitCalls(cli, dir, pid, "calc", 200_050);
            Status afterBurst = Status.of(burst);
            assertThat(burst.probeFigure("calc", "dropped")).as(burst.describe()).isPositive();
            assertThat(afterBurst.dropped()).isEqualTo(afterBurst.droppedOfProbes(burst));
            assertThat(afterBurst.probes()).isEqualTo(6);
            assertThat(afterBurst.configuration())
                    .isEqualTo(dir.toRealPath().resolve("second.properties") + " (reloaded 1 time(s))");
            assertThat(afterBurst.since()).isEqualTo(status.since());

            assertThat(cli.run(dir, "detach", pid).exitCode()).isZero();
            assertThat(app.ask("use 10", "used")).isEqualTo("used 10");
            assertThat(app.ask("quit", "bye")).isEqualTo("bye");
        }
    }

    /** The first lines of what {@code status} printed, before the lines of the probes. */
    private record Status(String version, String pid, Instant since, String configuration, int probes, long dropped) {

        private static final Pattern HEAD = Pattern.compile("Perfweave (\\S+) attached to pid (\\d+) \\(.+\\) since (\\S+)\n"
                + "configuration: (.+)\n(\\d+) probe\\(s\\), (\\d+) record\\(s\\) dropped\n");

        static Status of(AgentCli.Result status) {
            Matcher m = HEAD.matcher(status.stdout());
            assertThat(m.lookingAt()).as("the first lines of status\n" + status.describe()).isTrue();
            return new Status(m.group(1), m.group(2), Instant.parse(m.group(3)), m.group(4), Integer.parseInt(m.group(5)),
                    Long.parseLong(m.group(6)));
        }

        /** The records dropped by each probe, added up, as {@link #dropped} must be; checks there are {@link #probes} of them. */
        long droppedOfProbes(AgentCli.Result status) {
            List<String> lines = status.stdout().lines().filter(line -> line.startsWith("  ")).toList();
            assertThat(lines).as(status.describe()).hasSize(probes);
            return lines.stream().mapToLong(line -> status.probeFigure(line.strip().split(":")[0], "dropped")).sum();
        }
    }

    private static String[] with(List<String> lines, String... more) {
        List<String> all = new ArrayList<>(lines);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The row of {@code list} for one pid, with its columns separated by single spaces. */
    private static String listRow(AgentCli cli, Path dir, String pid) {
        AgentCli.Result list = cli.run(dir, "list");
        assertThat(list.exitCode()).as(list.describe()).isZero();
        assertThat(list.stdout().lines().findFirst()).as(list.describe()).hasValueSatisfying(
                header -> assertThat(header.split(" +")).containsExactly("pid", "perfweave", "main", "class"));
        List<String> rows = list.stdout().lines().filter(line -> line.startsWith(pid + " ")).toList();
        assertThat(rows).as(list.describe()).hasSize(1);
        return rows.get(0).strip();
    }

    /** The version the agent jar was built as, which {@code list} and {@code status} name. */
    private static String agentVersion() throws IOException {
        try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + AgentJvm.agentJar().toUri()), Map.of());
             InputStream in = Files.newInputStream(jar.getPath("perfweave-internal/perfweave-version.properties"))) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
    }
}
