package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.workload.CountingApp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code probe.<name>.sample = 1/N}: every call is counted, failed ones too, and about one in N is timed. */
class SamplingIT {

    private static final String W = "io.perfweave.it.workload.";

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void sampledProbesCountEveryCallAndTimeAboutOneInN(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "sampling")
                .config("probe.add.method = " + W + "Calculator#add(int, int)",
                        "probe.add.sample = 1/8",
                        "probe.flaky.method = " + W + "Flaky#maybeFail",
                        "probe.flaky.sample = 1/4",
                        "probe.hash.method = " + W + "Calculator#hash")
                .main(CountingApp.class, "4", "25000")
                .run();
        assertThat(run.exitCode()).as(run.describe()).isZero();

        JsonNode add = run.probe("add");
        long addCalls = run.printed("it: ", "add-int");
        assertThat(add.get("count").asLong()).isEqualTo(addCalls);
        assertTimedAbout(add, "1/8", 8);

        JsonNode flaky = run.probe("flaky");
        assertThat(flaky.get("count").asLong()).isEqualTo(run.printed("it: ", "flaky"));
        assertThat(flaky.get("errors").asLong()).isEqualTo(run.printed("it: ", "flaky-failures")).isPositive();
        assertTimedAbout(flaky, "1/4", 4);

        JsonNode hash = run.probe("hash");
        assertThat(hash.has("sampling")).as("a probe that times every call has no sampling object").isFalse();
        assertThat(hash.get("latencyNanos").get("samples").asLong() + hash.get("dropped").asLong())
                .isEqualTo(run.printed("it: ", "hash"));
    }

    private static void assertTimedAbout(JsonNode probe, String rate, int period) {
        JsonNode sampling = probe.get("sampling");
        long count = probe.get("count").asLong();
        long timed = sampling.get("timed").asLong();
        assertThat(sampling.get("rate").asText()).isEqualTo(rate);
        assertThat(timed).isEqualTo(probe.get("latencyNanos").get("samples").asLong());
        assertThat(timed + sampling.get("untimed").asLong() + probe.get("dropped").asLong()).isEqualTo(count);
        assertThat(sampling.get("effectiveRate").asDouble()).isCloseTo((double) timed / count,
                org.assertj.core.data.Offset.offset(1e-9));
        // Random gaps averaging N: tens of thousands of calls land within a few percent of count / N.
        assertThat((double) timed).as(probe.toString()).isBetween(count / (double) period * 0.85,
                count / (double) period * 1.15);
    }
}
