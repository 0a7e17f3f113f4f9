package io.perfweave.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs worker threads that feed generated requests into an {@link OrderService}.
 *
 * <p>Workers are plain platform threads named {@code sample-worker-1..N} so that they are easy
 * to pick out in thread dumps and in per-thread profiler output. Each worker has its own
 * generator seeded from the run seed and its index: the same options give the same requests.
 * With a warm-up, every worker first handles requests for that long; they go through the service
 * (and its counters) like any other, but the result counts and times only what follows.
 */
public class LoadDriver {

    private final OrderService service;
    private final SampleOptions options;

    public LoadDriver(OrderService service, SampleOptions options) {
        this.service = service;
        this.options = options;
    }

    /**
     * Runs until every worker is done.
     *
     * @throws IllegalStateException if a worker died with an exception; the summary would be
     *                               wrong in that case, so it is not worth printing one
     */
    public LoadResult run() throws InterruptedException {
        int threads = options.threads();
        long[][] outcomesPerWorker = new long[threads][OrderOutcome.values().length];
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>(threads);

        long measuredStart = System.nanoTime() + options.warmUp().toNanos();
        long deadline = measuredStart + options.duration().toNanos();
        for (int i = 0; i < threads; i++) {
            RequestGenerator generator = new RequestGenerator(workerSeed(options.seed(), i));
            long[] outcomes = outcomesPerWorker[i];
            Thread worker = new Thread(() -> {
                try {
                    warmUp(generator, measuredStart);
                    work(generator, outcomes, deadline);
                } catch (Throwable t) {
                    firstFailure.compareAndSet(null, t);
                }
            }, "sample-worker-" + (i + 1));
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - measuredStart);

        if (firstFailure.get() != null) {
            throw new IllegalStateException("a worker thread failed", firstFailure.get());
        }
        long[] totals = new long[OrderOutcome.values().length];
        for (long[] outcomes : outcomesPerWorker) {
            for (int k = 0; k < totals.length; k++) {
                totals[k] += outcomes[k];
            }
        }
        long accepted = totals[OrderOutcome.ACCEPTED.ordinal()];
        long outOfStock = totals[OrderOutcome.OUT_OF_STOCK.ordinal()];
        long malformed = totals[OrderOutcome.MALFORMED.ordinal()];
        return new LoadResult(accepted + outOfStock + malformed, accepted, outOfStock, malformed, elapsed);
    }

    private void warmUp(RequestGenerator generator, long until) {
        while (System.nanoTime() - until < 0) {
            service.handle(generator.next());
        }
    }

    // Outcomes are tallied in a worker-local array and only summed after join(), so counting
    // them adds no shared-memory traffic to the measured loop.
    private void work(RequestGenerator generator, long[] outcomes, long deadline) {
        long limit = options.requestsPerThread();
        if (limit > 0) {
            for (long n = 0; n < limit; n++) {
                outcomes[service.handle(generator.next()).ordinal()]++;
            }
        } else {
            while (System.nanoTime() - deadline < 0) {
                outcomes[service.handle(generator.next()).ordinal()]++;
            }
        }
    }

    static long workerSeed(long seed, int workerIndex) {
        return Hashing.mix(seed, workerIndex);
    }
}
