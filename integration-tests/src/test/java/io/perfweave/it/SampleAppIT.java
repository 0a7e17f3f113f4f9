package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.Jdk;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The README's main job: the sample app under the agent with the shipped configuration. */
class SampleAppIT {

    private static final Map<String, String> PROBE_TO_OPERATION = Map.of(
            "handle", "OrderService.handle",
            "parse", "RequestParser.parse",
            "fraud", "FraudScorer.score",
            "reserve", "InventoryService.reserve",
            "price", "PricingEngine.price",
            "save", "OrderRepository.save");

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void shippedConfigurationProfilesEverySampleOperationExactly(Jdk jdk) {
        Path shippedConfig = AgentJvm.sampleAppJar().getParent().getParent().resolve("perfweave.properties");
        ChildRun run = AgentJvm.on(jdk, "sample-app")
                .agentArgument("config=" + shippedConfig)
                .jar(AgentJvm.sampleAppJar(), "--requests", "3000", "--threads", "2")
                .run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("sample-app: done");
        assertThat(run.stderr()).as(run.describe()).doesNotContain("configuration problem").contains("final report");
        PROBE_TO_OPERATION.forEach((probe, operation) -> {
            assertThat(run.probe(probe).get("count").asLong()).as(probe)
                    .isEqualTo(run.printed("sample-app: ", "calls " + operation)).isPositive();
            assertThat(run.probe(probe).get("errors").asLong()).as(probe)
                    .isEqualTo(run.printed("sample-app: ", "failures " + operation));
        });
        assertThat(run.probe("reserve").get("errors").asLong()).isPositive();
    }
}
