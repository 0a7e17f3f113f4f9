package io.perfweave.sample;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Scores an order for fraud risk from 0 (harmless) to 99.
 *
 * <p>Most calls are answered from cheap local features in well under a microsecond. About one
 * call in 50 has no local verdict and waits roughly 2 ms for a (simulated) remote model. That
 * bimodal latency is the point: the average looks harmless, the tail does not, and because
 * the wait parks the thread instead of burning CPU it shows up in wall-clock timings but not
 * in CPU samples.
 */
public class FraudScorer {

    static final int REMOTE_LOOKUP_ONE_IN = 50;
    static final long REMOTE_LOOKUP_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    // Per-feature weights of the local model; the values only need to be stable.
    private static final int[] FEATURE_WEIGHTS = {7, 3, 11, 5, 2, 13, 4, 9};

    private final LongAdder remoteLookups = new LongAdder();

    public int score(OrderRequest request) {
        int score = localScore(request);
        if (requiresRemoteLookup(request)) {
            score = Math.max(score, remoteScore(request));
        }
        return score;
    }

    /** How many calls so far had to wait for the remote model. */
    public long remoteLookups() {
        return remoteLookups.sum();
    }

    boolean requiresRemoteLookup(OrderRequest request) {
        long key = Hashing.mix(Hashing.mix(request.customer().hashCode(), request.sku().hashCode()),
                request.quantity());
        return Math.floorMod(key, (long) REMOTE_LOOKUP_ONE_IN) == 0;
    }

    private static int localScore(OrderRequest request) {
        long features = Hashing.mix(request.customer().hashCode(), request.country().hashCode());
        int score = 0;
        for (int weight : FEATURE_WEIGHTS) {
            score += (int) (features & 0x7) * weight;
            features >>>= 8;
        }
        if (request.quantity() > 10) {
            score += 40;
        }
        if (request.hasCoupon()) {
            score += 15;
        }
        return score % 100;
    }

    private int remoteScore(OrderRequest request) {
        remoteLookups.increment();
        // parkNanos may return early (spurious wake-up), so wait until the deadline.
        long deadline = System.nanoTime() + REMOTE_LOOKUP_NANOS;
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, left);
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        return (int) Math.floorMod(Hashing.mix(request.customer().hashCode()), 100L);
    }
}
