package io.perfweave.agent.baseline;

import io.perfweave.agent.report.LatencySummary;
import java.util.List;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * One probe in a {@link Baseline}.
 *
 * @param latency  the summary percentiles of {@code all}, for people (recomputed from the histogram when read)
 * @param all      the histograms of every timed call of every run; owned by this record, never modified
 * @param runs     the same, run by run, with the index of the run in {@link Baseline#runs()}; one entry
 *                 for a baseline saved by one run (then its histograms are {@code all}'s)
 */
public record BaselineProbe(String name, String pattern, List<String> methods, long count, long errors,
                            long dropped, LatencySummary latency, ProbeHistograms all, List<RunHistograms> runs) {

    /** A probe's histograms in one run of a baseline. */
    public record RunHistograms(int run, ProbeHistograms histograms) {
    }

    public BaselineProbe {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("probe " + name + " has no run");
        }
    }

    /** A probe of a baseline saved by one run (run 0). */
    public static BaselineProbe ofOneRun(String name, String pattern, List<String> methods, long count, long errors,
                                         long dropped, ProbeHistograms histograms) {
        return new BaselineProbe(name, pattern, methods, count, errors, dropped,
                LatencySummary.of(histograms.latency()), histograms, List.of(new RunHistograms(0, histograms)));
    }

    /** A probe with latency only, saved by one run. */
    public static BaselineProbe ofOneRun(String name, String pattern, List<String> methods, long count, long errors,
                                         long dropped, Histogram latencyHistogram) {
        return ofOneRun(name, pattern, methods, count, errors, dropped, ProbeHistograms.latencyOnly(latencyHistogram));
    }

    public AbstractHistogram latencyHistogram() {
        return all.latency();
    }
}
