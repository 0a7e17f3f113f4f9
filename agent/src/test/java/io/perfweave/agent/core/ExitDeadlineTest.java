package io.perfweave.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The shutdown hook waits for start-up and then for the final report under one deadline: what the
 * first wait takes is missing from the second. Time is a hand-moved clock, so nothing here depends
 * on how fast the machine is.
 */
class ExitDeadlineTest {

    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(5);
    private static final long START_UP = TimeUnit.SECONDS.toNanos(3);

    private final AtomicLong clock = new AtomicLong(1_000);

    /** A start-up that ends {@code nanos} into the wait (if the wait is that long), and records how long it was allowed. */
    private final class StartUpTaking extends CompletableFuture<String> {
        private final long nanos;
        long allowedNanos = -1;

        StartUpTaking(long nanos) {
            this.nanos = nanos;
        }

        @Override
        public String get(long timeout, TimeUnit unit) throws TimeoutException {
            allowedNanos = unit.toNanos(timeout);
            clock.addAndGet(Math.min(nanos, allowedNanos));
            if (nanos > allowedNanos) {
                throw new TimeoutException();
            }
            return "started";
        }
    }

    @Test
    void theFinalReportGetsOnlyWhatWaitingForStartUpLeft() {
        ExitDeadline deadline = new ExitDeadline(TIMEOUT, clock::get);
        StartUpTaking startUp = new StartUpTaking(START_UP);

        assertThat(deadline.await(startUp)).contains("started");

        assertThat(startUp.allowedNanos).isEqualTo(TIMEOUT);
        assertThat(deadline.remainingNanos()).isEqualTo(TIMEOUT - START_UP);
    }

    @Test
    void aStartUpLongerThanTheTimeoutUsesItAllAndLeavesNothing() {
        ExitDeadline deadline = new ExitDeadline(TIMEOUT, clock::get);

        assertThat(deadline.await(new StartUpTaking(2 * TIMEOUT))).isEmpty();

        assertThat(deadline.remainingNanos()).isZero();
        clock.addAndGet(TIMEOUT);
        assertThat(deadline.remainingNanos()).as("never negative").isZero();
    }

    @Test
    void aFailedStartUpIsNoRuntime() {
        ExitDeadline deadline = new ExitDeadline(TIMEOUT, clock::get);

        assertThat(deadline.await(CompletableFuture.failedFuture(new IllegalStateException("expected in this test"))))
                .isEmpty();
    }
}
