package io.perfweave.agent.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.config.BudgetMetric;
import io.perfweave.agent.jvm.JvmContext;
import io.perfweave.agent.jvm.JvmContextSource;
import io.perfweave.agent.jvm.PressureLevel;
import io.perfweave.agent.report.BudgetStatus.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitTrackerTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final long WINDOW = 10_000_000_000L;

    private final LimitTracker p99 = new LimitTracker("checkout", BudgetMetric.P99, 25_000_000, 0.10);

    private Violation judge(double observed, long samples, int second) {
        return p99.judge(observed, samples, 100, WINDOW, T0.plusSeconds(second), null);
    }

    @Test
    void aBreachIsRaisedOnceWithItsNumbersAndNotAgainWhileItLasts() {
        assertThat(judge(20_000_000, 500, 1)).isNull();
        Violation raised = judge(31_200_000, 1204, 2);

        assertThat(raised).isNotNull();
        assertThat(raised.ongoing()).isTrue();
        assertThat(raised.probe()).isEqualTo("checkout");
        assertThat(raised.metric()).isEqualTo(BudgetMetric.P99);
        assertThat(raised.limit()).isEqualTo(25_000_000);
        assertThat(raised.observed()).isEqualTo(31_200_000);
        assertThat(raised.samples()).isEqualTo(1204);
        assertThat(raised.windowNanos()).isEqualTo(WINDOW);
        assertThat(raised.raised()).isEqualTo(T0.plusSeconds(2));
        assertThat(p99.violated()).isTrue();
        assertThat(judge(40_000_000, 1000, 3)).as("ongoing: not reported again").isNull();
        assertThat(judge(26_000_000, 1000, 4)).isNull();
    }

    @Test
    void hysteresisKeepsAValueHoveringAtTheLimitFromFlapping() {
        judge(26_000_000, 500, 1);
        // Below the limit, but above limit × 0.9 = 22.5 ms: still ongoing.
        assertThat(judge(24_000_000, 500, 2)).isNull();
        assertThat(judge(22_600_000, 500, 3)).isNull();
        assertThat(judge(25_500_000, 500, 4)).as("not raised a second time").isNull();
        assertThat(p99.violated()).isTrue();

        Violation cleared = judge(22_500_000, 640, 5);
        assertThat(cleared).isNotNull();
        assertThat(cleared.ongoing()).isFalse();
        assertThat(cleared.cleared()).isEqualTo(T0.plusSeconds(5));
        assertThat(cleared.raised()).isEqualTo(T0.plusSeconds(1));
        assertThat(cleared.observed()).as("the value when raised").isEqualTo(26_000_000);
        assertThat(cleared.clearedObserved()).isEqualTo(22_500_000);
        assertThat(cleared.clearedSamples()).isEqualTo(640);
        assertThat(p99.violated()).isFalse();
        assertThat(judge(24_000_000, 500, 6)).as("below the limit, not violated").isNull();
        assertThat(judge(25_100_000, 500, 7)).as("a new breach is raised again").isNotNull();
    }

    @Test
    void aRaisedViolationTakesTheJvmContextOfItsWindowAndKeepsItWhenCleared() {
        List<Instant[]> asked = new ArrayList<>();
        JvmContextSource source = (start, end) -> {
            asked.add(new Instant[] {start, end});
            return new JvmContext(start, end, 2, 35, 20, "G1 Young Generation", 0, PressureLevel.RED, true);
        };
        assertThat(p99.judge(20_000_000, 500, 100, WINDOW, T0.plusSeconds(1), source)).isNull();
        assertThat(asked).as("asked only when raising").isEmpty();

        Violation raised = p99.judge(31_000_000, 500, 100, WINDOW, T0.plusSeconds(2), source);
        assertThat(raised.jvm().pauses()).isEqualTo(2);
        assertThat(raised.jvm().highestPressure()).isEqualTo(PressureLevel.RED);
        assertThat(asked).singleElement().satisfies(window -> {
            assertThat(window[0]).isEqualTo(T0.plusSeconds(2).minusNanos(WINDOW));
            assertThat(window[1]).isEqualTo(T0.plusSeconds(2));
        });

        Violation cleared = p99.judge(1_000_000, 500, 100, WINDOW, T0.plusSeconds(3), source);
        assertThat(cleared.jvm()).as("the context of the window it was raised over").isEqualTo(raised.jvm());
        assertThat(asked).hasSize(1);
    }

    @Test
    void aWindowWithTooFewSamplesIsNotJudged() {
        assertThat(judge(90_000_000, 99, 1)).isNull();
        assertThat(p99.violated()).isFalse();
        judge(90_000_000, 100, 2);
        assertThat(p99.violated()).isTrue();
        assertThat(judge(1_000, 10, 3)).as("too few samples cannot clear either").isNull();
        assertThat(p99.violated()).isTrue();
    }

    @Test
    void exactlyAtTheLimitIsWithinIt() {
        assertThat(judge(25_000_000, 500, 1)).isNull();
    }
}
