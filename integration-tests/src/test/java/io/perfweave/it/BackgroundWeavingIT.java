package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.workload.CountingApp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Start-up: the weaver is set up in the background when no probe could name a JDK class, and before
 * {@code main} otherwise; either way every call of the application's probed methods is counted.
 */
class BackgroundWeavingIT {

    private static final String W = "io.perfweave.it.workload.";
    private static final String BACKGROUND_READY = "weaver ready";

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void applicationProbesAreWovenInTheBackgroundWithoutLosingACall(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "background")
                .config("probe.add.method = " + W + "Calculator#add(int, int)", "probe.widget.method = " + W + "Widget#<init>",
                        "log.level = debug")
                .main(CountingApp.class, "2", "20000")
                .run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).as(run.describe()).contains(BACKGROUND_READY);
        assertThat(run.probe("add").get("count").asLong()).isEqualTo(run.printed("it: ", "add-int"));
        assertThat(run.probe("widget").get("count").asLong()).isEqualTo(run.printed("it: ", "widgets"));
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void aProbeThatCouldNameAJdkClassHasTheWeaverReadyBeforeMain(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "foreground")
                .config("probe.add.method = " + W + "Calculator#add(int, int)",
                        "probe.anything.method = *Repository#save", "log.level = debug")
                .main(CountingApp.class, "2", "20000")
                .run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).as(run.describe()).doesNotContain(BACKGROUND_READY);
        assertThat(run.probe("add").get("count").asLong()).isEqualTo(run.printed("it: ", "add-int"));
    }
}
