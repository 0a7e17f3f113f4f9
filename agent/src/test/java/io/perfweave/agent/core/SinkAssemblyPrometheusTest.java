package io.perfweave.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.LoggedOutput;
import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.agent.report.ReportSink;
import io.perfweave.agent.report.RunInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The Prometheus endpoint listens where {@code prometheus.host} says: loopback when it says nothing. */
class SinkAssemblyPrometheusTest {

    @TempDir
    Path directory;

    /** What the assembly logs while it starts the outputs {@code agentArgs} configure, then closes them. */
    private String assembledWith(String agentArgs) {
        ConfigLoader.Result loaded = ConfigLoader.load(agentArgs, Map.of(), directory);
        assertThat(loaded.problems()).isEmpty();
        return LoggedOutput.of(() -> {
            List<ReportSink> sinks = SinkAssembly.sinks(loaded.config(), RunInfo.ofCurrentJvm("test", "agent arguments"),
                    LoggerFactory.getLogger("perfweave.agent"), null);
            sinks.forEach(ReportSink::close);
        });
    }

    @Test
    void onlyAPortListensOnLoopback() {
        String logged = assembledWith("prometheus.port=0");

        assertThat(logged).containsPattern("Prometheus endpoint at http://127\\.0\\.0\\.1:[1-9][0-9]*/metrics")
                .doesNotContain("is not a loopback address");
    }

    @Test
    void aHostIsWhereItListens() {
        String logged = assembledWith("prometheus.port=0,prometheus.host=0.0.0.0");

        // The wildcard address: Java may name it 0.0.0.0 or [::] (dual stack).
        assertThat(logged).contains("Prometheus endpoint at http://", "prometheus.host 0.0.0.0 is not a loopback address")
                .doesNotContain("http://127.0.0.1:");
    }
}
