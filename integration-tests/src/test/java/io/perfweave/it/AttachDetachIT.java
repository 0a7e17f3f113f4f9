package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.it.support.AgentCli;
import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.support.Jdks;
import io.perfweave.it.support.RunningJvm;
import io.perfweave.it.workload.AttachTargetApp;
import io.perfweave.it.workload.Calculator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JVMs started without the agent, which the command line attaches to, inspects, reconfigures and
 * detaches from, with the command line on one JDK and the target on the same or the other one.
 */
class AttachDetachIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The command line on the target's JDK. */
    static Stream<Arguments> sameJdk() {
        return pairs(true);
    }

    /** The command line on the other JDK than the target: together with {@link #sameJdk}, every pair once. */
    static Stream<Arguments> otherJdk() {
        List<Jdk> all = Jdks.all();
        return all.size() < 2 ? pairs(true) : pairs(false);
    }

    private static Stream<Arguments> pairs(boolean same) {
        List<Arguments> pairs = new ArrayList<>();
        for (Jdk cli : Jdks.all()) {
            for (Jdk target : Jdks.all()) {
                if ((cli.feature() == target.feature()) == same) {
                    pairs.add(Arguments.of(cli, target));
                }
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "command line on {0}, sample app on {1}")
    @MethodSource("sameJdk")
    void sampleAppAttachStatusReloadDetachAndAttachAgain(Jdk cliJdk, Jdk targetJdk) throws IOException {
        AgentJvm jvm = AgentJvm.on(targetJdk, "attach-sample").withoutAgent()
                .jar(AgentJvm.sampleAppJar(), "--duration", "10m", "--threads", "2");
        Path dir = jvm.directory();
        Path report = dir.resolve("attached-report.json");
        write(dir.resolve("first.properties"), "probe.handle.method = io.perfweave.sample.OrderService#handle",
                "probe.price.method = io.perfweave.sample.PricingEngine#price", "report.console = false");
        write(dir.resolve("second.properties"), "probe.handle.method = io.perfweave.sample.OrderService#handle",
                "probe.save.method = io.perfweave.sample.OrderRepository#save", "report.console = false");
        AgentCli cli = AgentCli.on(cliJdk);
        try (RunningJvm app = jvm.start()) {
            String pid = Long.toString(app.pid());
            await().atMost(Duration.ofSeconds(60)).until(() -> app.stdoutSoFar().contains("sample-app: starting"));

            AgentCli.Result attach = cli.run(dir, "attach", pid, "--config", "first.properties",
                    "report.json=" + report.getFileName());
            assertThat(attach.exitCode()).as(attach.describe()).isZero();
            assertThat(attach.stdout()).contains("attached to pid " + pid, "2 probe(s)");

            AgentCli.Result status = awaitStatus(cli, dir, pid, "handle", "price");
            assertThat(status.probeFigure("handle", "methods")).isEqualTo(1);
            assertThat(status.probeFigure("price", "methods")).isEqualTo(1);
            long handleBeforeReload = status.probeFigure("handle", "calls");

            AgentCli.Result reload = cli.run(dir, "reload", pid, "--config", "second.properties");
            assertThat(reload.exitCode()).as(reload.describe()).isZero();
            assertThat(reload.stdout()).contains("added [save]", "removed [price]", "unchanged [handle]");
            AgentCli.Result reloaded = awaitStatus(cli, dir, pid, "handle", "save");
            assertThat(reloaded.showsProbe("price")).isFalse();
            assertThat(reloaded.probeFigure("handle", "calls")).as("figures of an unchanged probe are kept")
                    .isGreaterThan(handleBeforeReload);

            AgentCli.Result detach = cli.run(dir, "detach", pid);
            assertThat(detach.exitCode()).as(detach.describe()).isZero();
            assertThat(detach.stdout()).contains("original bytecode restored", "final report written");
            JsonNode json = JSON.readTree(report.toFile());
            assertThat(probeNames(json)).containsExactly("handle", "save");
            assertThat(probe(json, "handle").get("count").asLong()).isGreaterThanOrEqualTo(
                    reloaded.probeFigure("handle", "calls"));
            assertThat(perfweaveThreads(targetJdk, pid)).isEmpty();
            assertThat(cli.run(dir, "status", pid).exitCode()).isEqualTo(4);

            AgentCli.Result again = cli.run(dir, "attach", pid, "--config", "first.properties",
                    "report.json=" + report.getFileName());
            assertThat(again.exitCode()).as(again.describe()).isZero();
            awaitStatus(cli, dir, pid, "handle", "price");
            assertThat(cli.run(dir, "detach", pid).exitCode()).isZero();
            JsonNode second = JSON.readTree(report.toFile());
            assertThat(second.get("callTree")).as("no method woven twice: the first weaving was undone")
                    .noneMatch(edge -> edge.get("child").asText().equals(edge.get("parent").asText()));
            assertThat(app.isAlive()).isTrue();
            assertThat(app.stderrSoFar()).doesNotContain("Exception");
        }
    }

    @ParameterizedTest(name = "command line on {0}, target on {1}")
    @MethodSource("otherJdk")
    void exactCountsSurviveAReloadAndDetachGivesBackTheOriginalCode(Jdk cliJdk, Jdk targetJdk) throws IOException {
        AgentJvm jvm = AgentJvm.on(targetJdk, "attach-exact").withoutAgent()
                .main(AttachTargetApp.class);
        Path dir = jvm.directory();
        String calculator = Calculator.class.getName();
        write(dir.resolve("first.properties"), "probe.add.method = " + calculator + "#add(int, int)",
                "probe.multiply.method = " + calculator + "#multiply", "report.console = false",
                "report.json = exact.json");
        write(dir.resolve("second.properties"), "probe.add.method = " + calculator + "#add(int, int)",
                "probe.hash.method = " + calculator + "#hash", "report.console = false", "report.json = exact.json");
        write(dir.resolve("third.properties"), "probe.add.method = " + calculator + "#add(int, int)",
                "report.console = false");
        AgentCli cli = AgentCli.on(cliJdk);
        try (RunningJvm app = jvm.start()) {
            String pid = Long.toString(app.pid());
            app.ask("run 100", "ran"); // loaded and run before the agent arrives

            assertThat(cli.run(dir, "attach", pid, "--config", "first.properties").exitCode()).isZero();
            app.ask("run 1000", "ran");
            AgentCli.Result first = awaitCalls(cli, dir, pid, "add", 1000);
            assertThat(first.probeFigure("multiply", "calls")).isEqualTo(1000);

            AgentCli.Result reload = cli.run(dir, "reload", pid, "--config", "second.properties");
            assertThat(reload.exitCode()).as(reload.describe()).isZero();
            app.ask("run 500", "ran");
            AgentCli.Result second = awaitCalls(cli, dir, pid, "add", 1500);
            assertThat(second.probeFigure("hash", "calls")).isEqualTo(500);
            assertThat(second.showsProbe("multiply")).isFalse();

            assertThat(cli.run(dir, "detach", pid).exitCode()).isZero();
            JsonNode report = JSON.readTree(dir.resolve("exact.json").toFile());
            assertThat(probe(report, "add").get("count").asLong()).isEqualTo(1500);
            assertThat(probe(report, "hash").get("count").asLong()).isEqualTo(500);
            assertThat(app.ask("run 10", "ran")).isEqualTo("ran 10");
            assertThat(Arrays.asList(app.ask("threads", "threads=").substring("threads=".length()).split(",")))
                    .noneMatch(name -> name.startsWith("perfweave"));

            assertThat(cli.run(dir, "attach", pid, "--config", "third.properties").exitCode()).isZero();
            app.ask("run 200", "ran");
            // Were the first weaving still in place, every call would count twice.
            assertThat(awaitCalls(cli, dir, pid, "add", 200).probeFigure("add", "calls")).isEqualTo(200);
            assertThat(cli.run(dir, "detach", pid).exitCode()).isZero();
            assertThat(app.ask("quit", "bye")).isEqualTo("bye");
        }
    }

    static AgentCli.Result awaitStatus(AgentCli cli, Path dir, String pid, String... probesWithCalls) {
        AgentCli.Result[] last = new AgentCli.Result[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            last[0] = cli.run(dir, "status", pid);
            assertThat(last[0].exitCode()).as(last[0].describe()).isZero();
            for (String probe : probesWithCalls) {
                assertThat(last[0].probeFigure(probe, "calls")).as(probe + "\n" + last[0].describe()).isPositive();
            }
        });
        return last[0];
    }

    /** Status once every call made so far is counted: the reporter drains the threads' records every few ms. */
    static AgentCli.Result awaitCalls(AgentCli cli, Path dir, String pid, String probe, long calls) {
        AgentCli.Result[] last = new AgentCli.Result[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            last[0] = cli.run(dir, "status", pid);
            assertThat(last[0].exitCode()).as(last[0].describe()).isZero();
            assertThat(last[0].probeFigure(probe, "calls")).isGreaterThanOrEqualTo(calls);
        });
        assertThat(last[0].probeFigure(probe, "calls")).as(last[0].describe()).isEqualTo(calls);
        return last[0];
    }

    static List<String> perfweaveThreads(Jdk jdk, String pid) throws IOException {
        Process jcmd = new ProcessBuilder(jdk.home().resolve("bin/jcmd").toString(), pid, "Thread.print")
                .redirectErrorStream(true).start();
        String dump = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(dump).contains("\"main\"");
        return dump.lines().filter(line -> line.startsWith("\"perfweave")).toList();
    }

    static void write(Path file, String... lines) throws IOException {
        Files.write(file, List.of(lines));
    }

    private static List<String> probeNames(JsonNode report) {
        List<String> names = new ArrayList<>();
        report.get("probes").forEach(p -> names.add(p.get("name").asText()));
        return names;
    }

    private static JsonNode probe(JsonNode report, String name) {
        for (JsonNode probe : report.get("probes")) {
            if (probe.get("name").asText().equals(name)) {
                return probe;
            }
        }
        throw new AssertionError("no probe " + name + " in " + report);
    }
}
