package io.perfweave.agent.weave;

import io.perfweave.agent.probe.Probes;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into every timed method. On entry it marks the call on the thread's probe stack, then
 * reads the clock; on exit, normal or exceptional, it hands the probe id, the start time and the
 * exception (if any) to the probe runtime. The probe id is a constant in the woven code. Both parts
 * suppress their own throwables and never touch the return value or the thrown exception.
 */
final class TimingAdvice {

    private TimingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@ProbeId int probeId) {
        Probes.enter(probeId);
        return System.nanoTime();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@ProbeId int probeId, @Advice.Enter long startNanos, @Advice.Thrown Throwable thrown) {
        Probes.exit(probeId, startNanos, thrown);
    }
}
