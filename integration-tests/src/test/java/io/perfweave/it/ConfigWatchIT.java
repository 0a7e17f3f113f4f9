package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.support.RunningJvm;
import io.perfweave.it.workload.AttachTargetApp;
import io.perfweave.it.workload.Calculator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code config.watch = true}: a JVM started with {@code -javaagent} applies edits of its properties file. */
class ConfigWatchIT {

    private static final String CALCULATOR = Calculator.class.getName();

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void editsOfTheWatchedFileAreAppliedAndBrokenEditsAreNot(Jdk jdk) throws Exception {
        AgentJvm jvm = AgentJvm.on(jdk, "config-watch")
                .config("config.watch = true", "report.console = false", "probe.add.method = " + CALCULATOR + "#add(int, int)")
                .main(AttachTargetApp.class);
        Path file = jvm.directory().resolve("perfweave.properties");
        ChildRun run;
        try (RunningJvm app = jvm.start()) {
            app.ask("run 300", "ran");

            Files.write(file, List.of("config.watch = true", "report.console = false",
                    "probe.add.method = " + CALCULATOR + "#add(int, int)", "probe.hash.method = " + CALCULATOR + "#hash"));
            await().atMost(Duration.ofSeconds(60)).until(() -> app.stderrSoFar().contains("added [hash]"));
            app.ask("run 200", "ran");

            Files.write(file, List.of("config.watch = true", "report.console = false",
                    "probe.add.method = " + CALCULATOR + "#add(int, int)", "probe.hash.metod = " + CALCULATOR + "#hash"));
            await().atMost(Duration.ofSeconds(60)).until(() -> app.stderrSoFar().contains("was not applied"));
            app.ask("run 100", "ran");
            assertThat(app.stderrSoFar()).contains("probe.hash.metod", "did you mean 'probe.hash.method'");

            app.send("quit");
            run = app.awaitExit(Duration.ofSeconds(60));
        }
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.probe("add").get("count").asLong()).as("kept its figures through the reload").isEqualTo(600);
        assertThat(run.probe("hash").get("count").asLong()).as("woven by the edit, kept through the broken one")
                .isEqualTo(300);
        List<String> names = new ArrayList<>();
        run.report().get("probes").forEach(p -> names.add(p.get("name").asText()));
        assertThat(names).containsExactly("add", "hash");
    }
}
