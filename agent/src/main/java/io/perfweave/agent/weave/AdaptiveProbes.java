package io.perfweave.agent.weave;

import io.perfweave.agent.config.ProbeSpec;

/**
 * Which probes are woven to read their timing period at run time (from the probe runtime's
 * {@code SamplePeriods}), and who keeps those periods: the {@link ProbeTable} tells it of every such
 * probe it issues, before any code is woven for it, and of every one it retires.
 */
public interface AdaptiveProbes {

    /** No adaptive sampling: every probe keeps the period woven into its code. */
    AdaptiveProbes NONE = new AdaptiveProbes() {
        @Override
        public boolean adapts(ProbeSpec probe) {
            return false;
        }

        @Override
        public void issued(ProbeSpec probe) {
        }

        @Override
        public void retired(ProbeSpec probe) {
        }
    };

    /** Whether the probe's period is read at run time. */
    boolean adapts(ProbeSpec probe);

    /** A probe that {@link #adapts} was issued; its period must be set before this returns. */
    void issued(ProbeSpec probe);

    /** A probe that {@link #adapts} was retired by a reload. */
    void retired(ProbeSpec probe);
}
