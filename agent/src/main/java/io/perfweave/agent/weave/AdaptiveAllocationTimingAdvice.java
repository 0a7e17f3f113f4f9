package io.perfweave.agent.weave;

import io.perfweave.agent.probe.Probes;
import net.bytebuddy.asm.Advice;

/** {@link AdaptiveTimingAdvice} for a probe that also measures allocation: on the timed calls only. */
final class AdaptiveAllocationTimingAdvice {

    private AdaptiveAllocationTimingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@ProbeId int probeId, @Advice.Local("timed") boolean timed,
                      @Advice.Local("allocatedAtStart") long allocatedAtStart) {
        timed = Probes.enterAdaptive(probeId);
        if (!timed) {
            return 0L;
        }
        long startNanos = System.nanoTime();
        allocatedAtStart = Probes.allocatedBytes();
        return startNanos;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@ProbeId int probeId, @Advice.Enter long startNanos, @Advice.Local("timed") boolean timed,
                     @Advice.Local("allocatedAtStart") long allocatedAtStart, @Advice.Thrown Throwable thrown) {
        if (timed) {
            Probes.exitAllocating(probeId, startNanos, allocatedAtStart, thrown);
        } else {
            Probes.exitUntimed(probeId, thrown);
        }
    }
}
