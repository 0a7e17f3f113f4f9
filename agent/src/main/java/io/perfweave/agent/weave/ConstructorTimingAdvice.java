package io.perfweave.agent.weave;

import io.perfweave.agent.probe.Probes;
import net.bytebuddy.asm.Advice;

/**
 * {@link TimingAdvice} for constructors. The JVM does not let an exception handler cover the call
 * to the super constructor (the object is not initialized yet), so Byte Buddy cannot weave exit
 * advice that runs on a throw: a constructor is timed when it returns, and a constructor that throws
 * is not counted. Documented in docs/configuration.md.
 */
final class ConstructorTimingAdvice {

    private ConstructorTimingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
        return System.nanoTime();
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@ProbeId int probeId, @Advice.Enter long startNanos) {
        Probes.recordTiming(probeId, startNanos, false);
    }
}
