package io.perfweave.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/**
 * A failure inside the probe runtime never reaches the probed method, and is counted instead of
 * vanishing. The failure is provoked the way a bug would: a probe id the runtime cannot index.
 */
class ProbeFaultsTest {

    @Test
    void aFailureInsideTheProbeRuntimeIsCountedAndKeptNotThrown() throws InterruptedException {
        long before = ProbeFaults.count();
        Thread thread = new Thread(() -> {
            assertThatCode(() -> Probes.exitUntimed(-1, null)).doesNotThrowAnyException();
            assertThatCode(() -> Probes.exitUntimed(-1, new IllegalStateException("expected in this test")))
                    .doesNotThrowAnyException();
        }, "probe-faults-test");
        thread.start();
        thread.join();

        assertThat(ProbeFaults.count() - before).isEqualTo(2);
        assertThat(ProbeFaults.first()).isInstanceOf(ArrayIndexOutOfBoundsException.class);
    }
}
