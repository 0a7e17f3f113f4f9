package io.perfweave.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.perfweave.api.CheckResult;
import io.perfweave.api.LatencyCheck;
import io.perfweave.api.Perfweave;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The extension and the API in a JVM without the agent (this module's tests run without it). */
class PerfweaveExtensionTest {

    @Test
    void withoutTheAgentTheApiIsInert() {
        assertThat(Perfweave.isAttached()).isFalse();
        CheckResult result = Perfweave.check(Perfweave.checkpoint(), LatencyCheck.of("price").p99("5ms"));
        assertThat(result.status()).isEqualTo(CheckResult.Status.NOT_ATTACHED);
        assertThat(result.message()).startsWith("Perfweave agent is not attached: run the tests with -javaagent:");
    }

    @Test
    void withoutTheAgentACheckedTestFailsSayingSoOrIsSkippedWhenItAsksTo() {
        Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(DetachedSamples.class))
                .build(), new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        if (test.isTest()) {
                            results.put(test.getDisplayName(), result);
                        }
                    }
                });

        assertThat(results).containsOnlyKeys("failsWithoutTheAgent()", "isSkippedWithoutTheAgent()");
        TestExecutionResult failed = results.get("failsWithoutTheAgent()");
        assertThat(failed.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(failed.getThrowable().orElseThrow()).hasMessage("Perfweave agent is not attached: run the tests with"
                + " -javaagent:/path/to/perfweave-agent.jar (for Maven, in Surefire's argLine) to check price");
        TestExecutionResult skipped = results.get("isSkippedWithoutTheAgent()");
        assertThat(skipped.getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
        assertThat(skipped.getThrowable().orElseThrow()).hasMessageStartingWith("Perfweave agent is not attached");
    }
}
