package io.perfweave.junit;

import org.junit.jupiter.api.Test;

/** Tests that {@link PerfweaveExtensionTest} runs through the JUnit Platform in a JVM without the agent. */
class DetachedSamples {

    @Test
    @PerfweaveCheck(probes = "price", p99 = "5ms")
    void failsWithoutTheAgent() {
    }

    @Test
    @PerfweaveCheck(probes = "price", p99 = "5ms", whenDetached = PerfweaveCheck.WhenDetached.SKIP)
    void isSkippedWithoutTheAgent() {
    }
}
