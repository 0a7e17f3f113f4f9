package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.workload.JdkClassesApp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Woven code reaches the probe runtime from any class loader and any named module. */
class ClassLoaderCoverageIT {

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void probesWorkInBootstrapPlatformAndCustomLoaderClasses(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "loaders")
                .config("probe.uuid.method = java.util.UUID#toString",
                        "probe.timestamp.method = java.sql.Timestamp#toString",
                        "probe.isolated.method = io.perfweave.it.workload.IsolatedTask#getAsInt")
                .main(JdkClassesApp.class, "3000")
                .run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).doesNotContain("could not weave");
        assertThat(run.probe("uuid").get("count").asLong()).isEqualTo(run.printed("it: ", "uuid-toString"));
        assertThat(run.probe("timestamp").get("count").asLong()).isEqualTo(run.printed("it: ", "timestamp-toString"));
        assertThat(run.probe("isolated").get("count").asLong()).isEqualTo(run.printed("it: ", "isolated-getAsInt"));
        assertThat(run.probe("uuid").get("method").toString()).contains("java.util.UUID#toString()");
    }
}
