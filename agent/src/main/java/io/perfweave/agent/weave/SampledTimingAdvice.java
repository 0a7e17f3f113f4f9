package io.perfweave.agent.weave;

import io.perfweave.agent.probe.Probes;
import net.bytebuddy.asm.Advice;

/**
 * {@link TimingAdvice} for a probe with {@code sample = 1/N}: every call is counted, one in N (on
 * average) is timed and recorded. An untimed call reads no clock and writes no record; it only
 * counts itself, with its outcome, on exit.
 */
final class SampledTimingAdvice {

    private SampledTimingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@ProbeId int probeId, @SamplePeriod int period, @Advice.Local("timed") boolean timed) {
        timed = Probes.enterSampled(probeId, period);
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
