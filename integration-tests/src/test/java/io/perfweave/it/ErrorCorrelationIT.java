package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.workload.FailuresApp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Failures are counted exactly, timed apart from successes, and grouped by exception class. */
class ErrorCorrelationIT {

    private static final String FAILURES = "io.perfweave.it.workload.Failures#";

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void failingFastAndFailingSlowAreToldApart(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "errors")
                .config("probe.fast.method = " + FAILURES + "failFast", "probe.slow.method = " + FAILURES + "failSlow",
                        "probe.many.method = " + FAILURES + "failMany")
                .main(FailuresApp.class, "100")
                .run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode fast = run.probe("fast");
        JsonNode slow = run.probe("slow");
        assertThat(fast.get("errors").asLong()).isEqualTo(run.printed("it: ", "fast-failures")).isEqualTo(50);
        assertThat(slow.get("errors").asLong()).isEqualTo(run.printed("it: ", "slow-failures")).isEqualTo(50);
        assertThat(fast.get("errorRate").asDouble()).isEqualTo(0.5);
        assertThat(fast.get("exceptions").toString())
                .isEqualTo("[{\"class\":\"java.lang.IllegalArgumentException\",\"count\":50}]");
        assertThat(slow.get("exceptions").toString())
                .isEqualTo("[{\"class\":\"java.lang.IllegalStateException\",\"count\":50}]");

        // fast: failures return at once, successes work 200 us; slow: every call works 2 ms first.
        long fastFailedP50 = fast.get("failedLatencyNanos").get("p50").asLong();
        long fastAllP90 = fast.get("latencyNanos").get("p90").asLong();
        long slowFailedP50 = slow.get("failedLatencyNanos").get("p50").asLong();
        assertThat(fast.get("failedLatencyNanos").get("samples").asLong()).isEqualTo(50);
        assertThat(fastFailedP50).as("a fast failure is much shorter than a success").isLessThan(fastAllP90 / 4);
        assertThat(slowFailedP50).as("a slow failure takes its 2 ms").isGreaterThanOrEqualTo(1_980_000);
        assertThat(run.stderr()).containsPattern("fail p50\\s+fail max");
    }

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void exceptionClassesAreBoundedWithTheRestSummedAsOther(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "exception-classes")
                .config("probe.many.method = " + FAILURES + "failMany")
                .main(FailuresApp.class, "1")
                .run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode many = run.probe("many");
        assertThat(many.get("errors").asLong()).isEqualTo(run.printed("it: ", "many-failures")).isEqualTo(55);
        Map<String, Long> byClass = new LinkedHashMap<>();
        many.get("exceptions").forEach(e -> byClass.put(e.get("class").asText(), e.get("count").asLong()));
        // E1..E8 are seen first (1 to 8 times), E9 and E10 (9 + 10 times) fall into "other".
        assertThat(byClass).hasSize(9).containsEntry("other", 19L);
        for (int k = 1; k <= 8; k++) {
            assertThat(byClass).containsEntry("io.perfweave.it.workload.Failures$E" + k, (long) k);
        }
        assertThat(byClass.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(55);
    }
}
