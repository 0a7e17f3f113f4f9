package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.workload.CountingApp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad configuration is reported precisely, and the application runs to completion with the valid part. */
class BadConfigurationIT {

    private static final String CALCULATOR = "io.perfweave.it.workload.Calculator";

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void eachProblemIsReportedWithFileLineAndKeyAndValidProbesStillWork(Jdk jdk) {
        AgentJvm jvm = AgentJvm.on(jdk, "bad-config");
        String file = jvm.directory().resolve("perfweave.properties").toString();
        ChildRun run = jvm.config(
                        "# line 1",
                        "probe.ok.method = " + CALCULATOR + "#add(int,int)",
                        "probe.typo.methd = " + CALCULATOR + "#multiply",
                        "probe.broken.method = " + CALCULATOR + ".add",
                        "reporter.interval = 5x",
                        "reporter.intervall = 1s")
                .main(CountingApp.class, "2", "1000")
                .run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("it: done");
        assertThat(run.stderr()).as(run.describe())
                .contains(file + ":3: probe.typo.methd: unknown key (did you mean 'probe.typo.method'?)")
                .contains(file + ":4: probe.broken.method: malformed method pattern '" + CALCULATOR + ".add': no '#'")
                .contains(file + ":5: reporter.interval: '5x' has an unknown unit 'x'")
                .contains(file + ":6: reporter.intervall: unknown key (did you mean 'reporter.interval'?)");
        assertThat(run.stderr().lines().filter(l -> l.contains("configuration problem:")).count()).isEqualTo(4);
        assertThat(run.probe("ok").get("count").asLong()).isEqualTo(run.printed("it: ", "add-int"));
        assertThat(run.report().get("probes")).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void aMissingFileIsReportedAndTheApplicationRuns(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "missing-file")
                .agentArgument("config=does/not/exist.properties")
                .main(CountingApp.class, "1", "100")
                .run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("it: done");
        assertThat(run.stderr()).as(run.describe())
                .containsPattern("agent argument \\d \\('config=does/not/exist.properties'\\): config: "
                        + "configuration file not found: .*does/not/exist.properties");
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void aProbeThatMatchesNothingIsReportedAsSuch(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "no-match")
                .config("probe.ghost.method = com.nowhere.Ghost#run",
                        "probe.wrongMethod.method = " + CALCULATOR + "#divide")
                .main(CountingApp.class, "1", "100")
                .run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).as(run.describe())
                .contains("probe 'ghost' (com.nowhere.Ghost#run) matched no class loaded in this run")
                .contains("probe 'wrongMethod' (" + CALCULATOR + "#divide) matched classes, but none of their methods");
        assertThat(run.probe("ghost").get("method")).isEmpty();
        assertThat(run.probe("ghost").get("count").asLong()).isZero();
    }
}
