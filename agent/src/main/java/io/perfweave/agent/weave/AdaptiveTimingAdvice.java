package io.perfweave.agent.weave;

import io.perfweave.agent.probe.Probes;
import net.bytebuddy.asm.Advice;

/**
 * {@link TimingAdvice} for a probe whose timing period adaptive sampling sets at run time: every call
 * is counted; at period 1 every call is timed, under memory pressure one in N (on average), the
 * others only count themselves on exit, like {@link SampledTimingAdvice}'s.
 */
final class AdaptiveTimingAdvice {

    private AdaptiveTimingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@ProbeId int probeId, @Advice.Local("timed") boolean timed) {
        timed = Probes.enterAdaptive(probeId);
        return timed ? System.nanoTime() : 0L;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@ProbeId int probeId, @Advice.Enter long startNanos, @Advice.Local("timed") boolean timed,
                     @Advice.Thrown Throwable thrown) {
        if (timed) {
            Probes.exit(probeId, startNanos, thrown);
        } else {
            Probes.exitUntimed(probeId, thrown);
        }
    }
}
