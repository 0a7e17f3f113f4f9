package io.perfweave.agent.core;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The one deadline of the shutdown hook: {@code shutdown.timeout} counts from the moment the JVM
 * starts to exit and covers everything the hook waits for, a start-up still under way (with
 * {@code -javaagent} the agent starts in the background) and then the final report. Each wait gets
 * only what the ones before left, so the JVM's exit is held up at most {@code shutdown.timeout}
 * however the time is split.
 */
final class ExitDeadline {

    private final long deadlineNanos;
    private final LongSupplier nanoTime;

    ExitDeadline(long timeoutNanos, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.deadlineNanos = nanoTime.getAsLong() + timeoutNanos;
    }

    /** A deadline {@code timeoutNanos} from now, on {@link System#nanoTime}. */
    static ExitDeadline startingNow(long timeoutNanos) {
        return new ExitDeadline(timeoutNanos, System::nanoTime);
    }

    /** What is left of the time; {@code 0} once the deadline has passed. */
    long remainingNanos() {
        return Math.max(0, deadlineNanos - nanoTime.getAsLong());
    }

    /** The future's value if it has one by the deadline; empty if it failed, is late, or the wait was interrupted. */
    <T> Optional<T> await(Future<T> future) {
        try {
            return Optional.ofNullable(future.get(remainingNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }
}
