package io.perfweave.agent.weave;

import io.perfweave.agent.probe.Probes;
import net.bytebuddy.asm.Advice;

/**
 * {@link TimingAdvice} that also measures the bytes the thread allocates during the call (callees
 * included), from the thread's allocation counter read on entry and on exit.
 *
 * <p>The counter is read last on entry and first on exit (inside {@code exitAllocating}), so that
 * everything else the advice does, including the JVM resolving its calls the first time the woven
 * code runs (which allocates), lies outside the measured bytes. The price is one counter read
 * inside the measured time.
 */
final class AllocationTimingAdvice {

    private AllocationTimingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@ProbeId int probeId, @Advice.Local("allocatedAtStart") long allocatedAtStart) {
        Probes.enter(probeId);
        long startNanos = System.nanoTime();
        allocatedAtStart = Probes.allocatedBytes();
        return startNanos;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@ProbeId int probeId, @Advice.Enter long startNanos,
                     @Advice.Local("allocatedAtStart") long allocatedAtStart, @Advice.Thrown Throwable thrown) {
        Probes.exitAllocating(probeId, startNanos, allocatedAtStart, thrown);
    }
}
