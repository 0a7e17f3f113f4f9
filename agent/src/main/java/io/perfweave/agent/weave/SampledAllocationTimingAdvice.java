package io.perfweave.agent.weave;

import io.perfweave.agent.probe.Probes;
import net.bytebuddy.asm.Advice;

/** {@link AllocationTimingAdvice} for a sampled probe: time and allocation are measured on the timed calls only. */
final class SampledAllocationTimingAdvice {

    private SampledAllocationTimingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@ProbeId int probeId, @SamplePeriod int period, @Advice.Local("timed") boolean timed,
                      @Advice.Local("allocatedAtStart") long allocatedAtStart) {
        timed = Probes.enterSampled(probeId, period);
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
