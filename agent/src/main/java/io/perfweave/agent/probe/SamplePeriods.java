package io.perfweave.agent.probe;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The timing period in force for each probe woven to read it at run time (normal- and low-priority
 * probes with {@code adaptive = true}): time one call in N. Indexed by probe id; an entry of 0 or 1
 * times every call.
 *
 * <p>One writer at a time (the agent's adaptive sampling, on the reporter thread or a thread issuing a
 * probe, serialized by it), any number of application threads reading. Both sides use opaque access:
 * no fence on either side (on x86 and AArch64 an opaque read is a plain load), yet the JIT may not hoist
 * the read out of a loop that a probed method was inlined into, so a changed period reaches every
 * thread within a few calls. Nothing else needs ordering: a thread that times one call too many or too
 * few at the moment of a change still counts it, and the report says which period was in force.
 */
public final class SamplePeriods {

    private static final VarHandle PERIOD = MethodHandles.arrayElementVarHandle(int[].class);
    private static final int[] PERIODS = new int[ProbeRings.MAX_PROBES];

    private SamplePeriods() {
    }

    /** Hot path: the period of a probe (0 or 1: every call). */
    static int rawPeriod(int probeId) {
        return (int) PERIOD.getOpaque(PERIODS, probeId);
    }

    /** The period in force for a probe, at least 1. */
    public static int period(int probeId) {
        return Math.max(1, rawPeriod(probeId));
    }

    /** Sets the period of a probe (an opaque store); its calls read it from their next one on. */
    public static void setPeriod(int probeId, int period) {
        PERIOD.setOpaque(PERIODS, probeId, period);
    }

    /**
     * Every probe back to timing every call: ids restart with each agent run (after a detach and a
     * new attach), and a new run must not inherit the last one's periods.
     */
    public static void reset() {
        for (int id = 0; id < PERIODS.length; id++) {
            setPeriod(id, 1);
        }
    }
}
