package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.support.RunningJvm;
import io.perfweave.it.workload.ExitingApp;
import io.perfweave.it.workload.ExitsAtOnceApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * However the JVM ends, what was recorded reaches the final report; and an output that cannot be
 * written costs only that output.
 */
class ShutdownIT {

    private static final String FLAKY = "probe.flaky.method = io.perfweave.it.workload.Flaky#maybeFail";
    private static final int CALLS = 7_000;

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void sigtermWritesACompleteFinalReport(Jdk jdk) {
        try (RunningJvm jvm = AgentJvm.on(jdk, "sigterm").config(FLAKY).main(ExitingApp.class, String.valueOf(CALLS), "wait").start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> jvm.stdoutSoFar().contains("it: idle"));

            jvm.terminate();
            ChildRun run = jvm.awaitExit(Duration.ofSeconds(60));

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(143);
            assertThat(run.probe("flaky").get("count").asLong()).as(run.describe()).isEqualTo(CALLS);
            assertThat(run.probe("flaky").get("errors").asLong()).isEqualTo(run.printed("it: ", "flaky-failures"));
        }
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void systemExitFromAnotherThreadWritesACompleteFinalReport(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "exit-from-thread").config(FLAKY).main(ExitingApp.class, String.valueOf(CALLS), "exit").run();

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(3);
        assertThat(run.probe("flaky").get("count").asLong()).as(run.describe()).isEqualTo(CALLS);
        assertThat(run.probe("flaky").get("errors").asLong()).isEqualTo(run.printed("it: ", "flaky-failures"));
    }

    /** Main's own calls are still in its ring when it calls {@code System.exit}: the shutdown hook drains them. */
    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void systemExitFromMainWritesACompleteFinalReport(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "exit-from-main").config(FLAKY).main(ExitingApp.class, String.valueOf(CALLS), "exit-main").run();

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(3);
        assertThat(run.probe("flaky").get("count").asLong()).as(run.describe()).isEqualTo(CALLS);
        assertThat(run.probe("flaky").get("errors").asLong()).isEqualTo(run.printed("it: ", "flaky-failures"));
    }

    /** The calls are made on a virtual thread, which then calls {@code System.exit} itself. */
    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#withVirtualThreads")
    void systemExitFromAVirtualThreadWritesACompleteFinalReport(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "exit-from-virtual-thread").config(FLAKY)
                .main(ExitingApp.class, String.valueOf(CALLS), "exit-virtual").run();

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(3);
        assertThat(run.probe("flaky").get("count").asLong()).as(run.describe()).isEqualTo(CALLS);
        assertThat(run.probe("flaky").get("errors").asLong()).isEqualTo(run.printed("it: ", "flaky-failures"));
    }

    /** {@code premain} returns before the reporter runs; the shutdown hook registered in it waits for the reporter. */
    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void aJvmThatExitsWhileTheAgentIsStartingStillGetsItsFinalReport(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "exit-at-once").config(FLAKY).main(ExitsAtOnceApp.class).run();

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(5);
        assertThat(run.probe("flaky").get("count").asLong()).as(run.describe()).isZero();
        assertThat(run.stderr()).doesNotContain("not complete within shutdown.timeout");
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void aReportThatCannotBeWrittenIsLoggedOnceAndTheOtherOutputsAreComplete(Jdk jdk) throws Exception {
        AgentJvm jvm = AgentJvm.on(jdk, "unwritable-report");
        // A file where the report's directory should be: the report cannot be written, whoever runs the test.
        Path blocker = Files.writeString(jvm.directory().resolve("blocker"), "not a directory");
        Path baseline = jvm.directory().resolve("baseline.json");

        ChildRun run = jvm.config(FLAKY)
                .agentArgument("report.json=" + blocker.resolve("report.json"))
                .agentArgument("baseline.save=" + baseline)
                .main(ExitingApp.class, String.valueOf(CALLS), "exit")
                .run();

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(3);
        assertThat(run.stderr().lines().filter(line -> line.contains("cannot write the JSON report")).count())
                .as(run.describe()).isEqualTo(1);
        assertThat(run.stderr()).contains(blocker.resolve("report.json").toString());
        JsonNode saved = new ObjectMapper().readTree(baseline.toFile());
        assertThat(saved.get("probes").get(0).get("count").asLong()).isEqualTo(CALLS);
    }

    /**
     * A final report that cannot finish does not hold the JVM up past {@code shutdown.timeout}. The
     * JSON report is written to a temporary file beside it, {@code report.json.<pid>.tmp}, and then
     * moved into place ({@code FileReplacement}); once the child runs, the test makes that temporary
     * path a named pipe that nobody reads. Opening a pipe for writing blocks until a reader opens it,
     * so the reporter thread hangs in the final write for real, and for good. A JVM that waited for it
     * would never exit; the shutdown hook gives up after {@code shutdown.timeout} (2 s here) and says so.
     */
    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aFinalReportThatCannotFinishDoesNotHoldTheJvmUp(Jdk jdk) throws Exception {
        try (RunningJvm jvm = AgentJvm.on(jdk, "blocked-report").config(FLAKY).agentArgument("shutdown.timeout=2s")
                .main(ExitingApp.class, String.valueOf(CALLS), "wait").start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> jvm.stdoutSoFar().contains("it: idle"));
            makeNamedPipe(jvm.directory().resolve("report.json." + jvm.pid() + ".tmp"));

            jvm.terminate();
            // Far above the 2 s bound; a JVM held up by the blocked write never exits at all.
            ChildRun run = jvm.awaitExit(Duration.ofSeconds(30));

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(143);
            assertThat(run.stderr()).as(run.describe())
                    .contains("the final report was not complete within shutdown.timeout (2000 ms)");
            assertThat(run.hasReport()).as(run.describe()).isFalse();
        }
    }

    private static void makeNamedPipe(Path path) throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS)).as("mkfifo ended").isTrue();
        assertThat(mkfifo.exitValue()).as("mkfifo " + path).isZero();
    }
}
