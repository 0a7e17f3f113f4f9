package io.perfweave.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without an agent (none runs these tests) every call is a harmless no-op that says so. */
class PerfweaveWithoutAgentTest {

    @Test
    void aBudgetListenerIsNotAddedAndNeverCalled() {
        List<BudgetEvent> heard = new ArrayList<>();
        BudgetListener listener = heard::add;

        assertThat(Perfweave.isAttached()).isFalse();
        assertThat(Perfweave.addBudgetListener(listener)).isFalse();
        assertThat(Perfweave.addBudgetListener(listener)).as("asked again").isFalse();
        assertThat(Perfweave.addBudgetListener(null)).isFalse();
        Perfweave.removeBudgetListener(listener);
        Perfweave.removeBudgetListener(event -> { });
        Perfweave.removeBudgetListener(null);
        assertThat(heard).isEmpty();
    }

    @Test
    void aCheckAnswersNotAttachedWithHowToAttach() {
        Checkpoint since = Perfweave.checkpoint();

        CheckResult result = Perfweave.check(since, LatencyCheck.of("checkout").p99("5ms"));

        assertThat(since).isSameAs(Checkpoint.NONE);
        assertThat(result.status()).isEqualTo(CheckResult.Status.NOT_ATTACHED);
        assertThat(result.message()).contains("-javaagent:");
    }
}
