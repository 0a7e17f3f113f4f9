package io.perfweave.agent.weave;

import io.perfweave.agent.probe.Probes;
import net.bytebuddy.asm.Advice;

/**
 * {@link ConstructorTimingAdvice} that also measures the bytes allocated during the constructor,
 * reading the counter last on entry for the reason given in {@link AllocationTimingAdvice}.
 */
final class ConstructorAllocationAdvice {

    private ConstructorAllocationAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.Local("allocatedAtStart") long allocatedAtStart) {
        long startNanos = System.nanoTime();
        allocatedAtStart = Probes.allocatedBytes();
        return startNanos;
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@ProbeId int probeId, @Advice.Enter long startNanos,
                     @Advice.Local("allocatedAtStart") long allocatedAtStart) {
        Probes.constructedAllocating(probeId, startNanos, allocatedAtStart);
    }
}
