package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.perfweave.it.support.AgentCli;
import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.support.RunningJvm;
import io.perfweave.it.workload.AttachTargetApp;
import io.perfweave.it.workload.Calculator;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each way a command can fail says what went wrong, exits non-zero and leaves the target JVM as it was. */
class AttachErrorsIT {

    private static final String CALCULATOR = Calculator.class.getName();

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void noSuchProcess(Jdk jdk) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(30, TimeUnit.SECONDS);
        AgentCli.Result attach = AgentCli.on(jdk).run(Path.of("."), "attach", Long.toString(gone.pid()),
                "--config", writeConfig(Files.createTempDirectory("perfweave-it"), "probe.add.method = A#b").toString());
        assertThat(attach.exitCode()).as(attach.describe()).isEqualTo(3);
        assertThat(attach.stderr()).contains("no process with pid " + gone.pid());
        AgentCli.Result notANumber = AgentCli.on(jdk).run(Path.of("."), "status", "12ab");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.stderr()).contains("'12ab' is not a process id");
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void attachDisabledInTheTarget(Jdk jdk) throws Exception {
        AgentJvm jvm = AgentJvm.on(jdk, "attach-disabled").withoutAgent().jvmOption("-XX:+DisableAttachMechanism")
                .main(AttachTargetApp.class);
        try (RunningJvm app = jvm.start()) {
            app.ask("run 10", "ran");
            AgentCli.Result attach = AgentCli.on(jdk).run(jvm.directory(), "attach", Long.toString(app.pid()),
                    "--config", writeConfig(jvm.directory(), "probe.add.method = " + CALCULATOR + "#add").toString());
            assertThat(attach.exitCode()).as(attach.describe()).isEqualTo(3);
            assertThat(attach.stderr()).contains("does not allow attaching", "-XX:+DisableAttachMechanism");
            assertThat(app.ask("run 10", "ran")).isEqualTo("ran 10");
        }
    }

    /**
     * A JVM of the user {@code nobody}, started through {@code runuser} (this needs root): root's
     * command line refuses it, and {@code nobody}'s command line refuses a JVM of root.
     */
    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void anotherUsersJvm(Jdk jdk) throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/runuser")),
                "needs root and runuser to start a JVM as another user");
        Path shared = Files.createTempDirectory(Path.of("/tmp"), "perfweave-other-user",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path config = writeConfig(shared, "probe.add.method = " + CALCULATOR + "#add");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        String classpath = new File(AttachTargetApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        Process nobodys = new ProcessBuilder("runuser", "-u", "nobody", "--", jdk.java().toString(), "-cp", classpath,
                AttachTargetApp.class.getName()).directory(shared.toFile())
                .redirectOutput(shared.resolve("stdout.txt").toFile()).redirectError(shared.resolve("stderr.txt").toFile())
                .start();
        AgentJvm rootJvm = AgentJvm.on(jdk, "attach-root-target").withoutAgent().main(AttachTargetApp.class);
        try (RunningJvm root = rootJvm.start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(shared.resolve("stdout.txt")).contains("it: ready"));
            long javaPid = nobodys.descendants().map(ProcessHandle::pid).findFirst().orElse(nobodys.pid());

            AgentCli.Result asRoot = AgentCli.on(jdk).run(shared, "attach", Long.toString(javaPid), "--config", config.toString());
            assertThat(asRoot.exitCode()).as(asRoot.describe()).isEqualTo(3);
            assertThat(asRoot.stderr()).contains("belongs to user nobody", "run it as nobody");

            root.ask("run 1", "ran");
            AgentCli.Result asNobody = AgentCli.on(jdk).asUser("nobody").run(shared, "attach", Long.toString(root.pid()),
                    "--config", config.toString());
            assertThat(asNobody.exitCode()).as(asNobody.describe()).isEqualTo(3);
            assertThat(asNobody.stderr()).contains("belongs to user root");
        } finally {
            nobodys.descendants().forEach(ProcessHandle::destroyForcibly);
            nobodys.destroyForcibly();
        }
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void anotherAgentVersionIsAlreadyAttached(Jdk jdk) throws Exception {
        AgentJvm jvm = AgentJvm.on(jdk, "attach-other-version").withoutAgent();
        Path otherJar = jarOfVersion(jvm.directory().resolve("perfweave-agent-other.jar"), "0.0.1-other");
        Path config = writeConfig(jvm.directory(), "probe.add.method = " + CALCULATOR + "#add", "report.console = false");
        jvm.jvmOption("-javaagent:" + otherJar + "=config=" + config).main(AttachTargetApp.class);
        try (RunningJvm app = jvm.start()) {
            app.ask("run 10", "ran");
            await().atMost(Duration.ofSeconds(60)).until(() -> app.stderrSoFar().contains("Perfweave 0.0.1-other started"));
            for (String command : List.of("attach", "status", "detach")) {
                AgentCli.Result result = command.equals("attach")
                        ? AgentCli.on(jdk).run(jvm.directory(), command, Long.toString(app.pid()), "--config", config.toString())
                        : AgentCli.on(jdk).run(jvm.directory(), command, Long.toString(app.pid()));
                assertThat(result.exitCode()).as(command + ": " + result.describe()).isEqualTo(4);
                assertThat(result.stderr()).contains("incompatible agent version", "Perfweave 0.0.1-other is attached");
            }
            assertThat(app.ask("run 10", "ran")).isEqualTo("ran 10");
        }
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void badConfigurationChangesNothingAndTheAgentsStateIsChecked(Jdk jdk) throws Exception {
        AgentJvm jvm = AgentJvm.on(jdk, "attach-bad-config").withoutAgent().main(AttachTargetApp.class);
        Path dir = jvm.directory();
        Path bad = dir.resolve("bad.properties");
        Files.write(bad, List.of("probe.add.method = " + CALCULATOR + "#add", "probe.add.alocations = true"));
        Path good = writeConfig(dir, "probe.add.method = " + CALCULATOR + "#add", "report.console = false");
        AgentCli cli = AgentCli.on(jdk);
        try (RunningJvm app = jvm.start()) {
            String pid = Long.toString(app.pid());
            app.ask("run 10", "ran");
            for (String command : List.of("status", "reload", "detach")) {
                AgentCli.Result notAttached = cli.run(dir, command, pid);
                assertThat(notAttached.exitCode()).as(command + ": " + notAttached.describe()).isEqualTo(4);
                assertThat(notAttached.stderr()).contains("Perfweave is not attached to " + pid);
            }

            AgentCli.Result attach = cli.run(dir, "attach", pid, "--config", bad.toString());
            assertThat(attach.exitCode()).as(attach.describe()).isEqualTo(2);
            assertThat(attach.stderr()).contains(bad + ":2", "probe.add.alocations", "did you mean 'probe.add.allocations'",
                    "nothing was attached; the JVM is unchanged");
            assertThat(threads(app)).noneMatch(name -> name.startsWith("perfweave"));
            assertThat(cli.run(dir, "status", pid).exitCode()).isEqualTo(4);

            AgentCli.Result missing = cli.run(dir, "attach", pid, "--config", "absent.properties");
            assertThat(missing.exitCode()).isEqualTo(2);
            assertThat(missing.stderr()).contains("configuration file not found");

            assertThat(cli.run(dir, "attach", pid, "--config", good.toString()).exitCode()).isZero();
            AgentCli.Result twice = cli.run(dir, "attach", pid, "--config", good.toString());
            assertThat(twice.exitCode()).as(twice.describe()).isEqualTo(4);
            assertThat(twice.stderr()).contains("already attached");

            AgentCli.Result badReload = cli.run(dir, "reload", pid, "--config", bad.toString());
            assertThat(badReload.exitCode()).as(badReload.describe()).isEqualTo(2);
            assertThat(badReload.stderr()).contains("probe.add.alocations", "not applied");
            app.ask("run 100", "ran");
            AttachDetachIT.awaitCalls(cli, dir, pid, "add", 100);

            assertThat(cli.run(dir, "detach", pid).exitCode()).isZero();
            assertThat(app.ask("quit", "bye")).isEqualTo("bye");
        }
    }

    private static List<String> threads(RunningJvm app) {
        return Arrays.asList(app.ask("threads", "threads=").substring("threads=".length()).split(","));
    }

    private static Path writeConfig(Path dir, String... lines) throws IOException {
        Path file = dir.resolve("attach.properties");
        Files.write(file, List.of(lines));
        return file;
    }

    /** A copy of the agent jar that calls itself another version. */
    private static Path jarOfVersion(Path copy, String version) throws IOException {
        Files.copy(AgentJvm.agentJar(), copy, StandardCopyOption.REPLACE_EXISTING);
        try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + copy.toUri()), Map.of())) {
            Files.writeString(jar.getPath("perfweave-internal/perfweave-version.properties"), "version=" + version + "\n",
                    StandardCharsets.UTF_8);
        }
        return copy;
    }
}
