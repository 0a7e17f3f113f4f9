package io.perfweave.agent.baseline;

import org.HdrHistogram.AbstractHistogram;

/**
 * What the regression rule reads of one probe over one run (or several runs merged): per timed call
 * its latency, its self time and the bytes it allocated. Only read, never modified.
 *
 * @param latency    nanoseconds per call, callees included
 * @param selfTime   nanoseconds per call less the time in probed methods it called; {@code null} when
 *                   the probe had no probed callee (it would equal {@code latency}) or the file predates it
 * @param allocation bytes allocated per call; {@code null} when the probe does not measure allocation
 */
public record ProbeHistograms(AbstractHistogram latency, AbstractHistogram selfTime, AbstractHistogram allocation) {

    public static ProbeHistograms latencyOnly(AbstractHistogram latency) {
        return new ProbeHistograms(latency, null, null);
    }
}
