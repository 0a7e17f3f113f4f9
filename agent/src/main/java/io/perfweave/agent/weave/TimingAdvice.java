package io.perfweave.agent.weave;

import io.perfweave.agent.probe.Probes;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into every timed method. It reads the clock on entry and hands the probe id, the start
 * time and whether the method threw to the probe runtime on exit; the probe id is a constant in the
 * woven code. Both parts suppress their own throwables, and the exit part runs for normal and
 * exceptional exits alike without touching the return value or the thrown exception.
 */
final class TimingAdvice {

    private TimingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
        return System.nanoTime();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@ProbeId int probeId, @Advice.Enter long startNanos, @Advice.Thrown Throwable thrown) {
        Probes.recordTiming(probeId, startNanos, thrown != null);
    }
}
