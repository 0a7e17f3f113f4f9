package io.perfweave.agent.weave;

import io.perfweave.agent.probe.Probes;
import net.bytebuddy.asm.Advice;

/**
 * {@link TimingAdvice} for constructors. The JVM does not let an exception handler cover the call
 * to the super constructor (the object is not initialized yet), so Byte Buddy cannot weave exit
 * advice that runs on a throw: a constructor is timed when it returns, and a constructor that throws
 * is not counted. For the same reason a constructor is not pushed on the thread's probe stack (a
 * push without its pop would corrupt it): it is recorded as a leaf under its probed caller, and
 * probed calls it makes are attributed to that caller. Documented in docs/configuration.md.
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
        Probes.constructed(probeId, startNanos);
    }
}
