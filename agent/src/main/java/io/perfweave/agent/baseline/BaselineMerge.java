package io.perfweave.agent.baseline;

import io.perfweave.agent.report.LatencySummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * Makes one baseline of several ({@code baseline merge}), keeping every run's histograms apart: the
 * regression rule judges a run against each of them (see {@link RegressionRule}), so what varies
 * between runs of the same code, such as how the JIT compiled a method, becomes part of the baseline
 * instead of a false alarm. Merging a merged baseline adds its runs one by one.
 */
public final class BaselineMerge {

    private BaselineMerge() {
    }

    /**
     * @param agentVersion the agent doing the merge
     * @param label        the merged baseline's label; empty for none
     * @throws IllegalArgumentException when the inputs hold fewer than two runs together
     */
    public static Baseline merge(List<Baseline> inputs, String agentVersion, String label) {
        List<BaselineRun> runs = new ArrayList<>();
        Map<String, List<BaselineProbe.RunHistograms>> runsByProbe = new LinkedHashMap<>();
        Map<String, BaselineProbe> firstByProbe = new LinkedHashMap<>();
        Map<String, long[]> countsByProbe = new LinkedHashMap<>();
        for (Baseline input : inputs) {
            int offset = runs.size();
            runs.addAll(input.runs());
            for (BaselineProbe probe : input.probes()) {
                firstByProbe.putIfAbsent(probe.name(), probe);
                long[] counts = countsByProbe.computeIfAbsent(probe.name(), name -> new long[3]);
                counts[0] += probe.count();
                counts[1] += probe.errors();
                counts[2] += probe.dropped();
                List<BaselineProbe.RunHistograms> probeRuns = runsByProbe.computeIfAbsent(probe.name(),
                        name -> new ArrayList<>());
                for (BaselineProbe.RunHistograms run : probe.runs()) {
                    probeRuns.add(new BaselineProbe.RunHistograms(offset + run.run(), run.histograms()));
                }
            }
        }
        if (runs.size() < 2) {
            throw new IllegalArgumentException("nothing to merge: the files hold " + runs.size()
                    + " run; a merged baseline needs at least two");
        }
        Baseline first = inputs.get(0);
        List<BaselineProbe> probes = new ArrayList<>();
        for (Map.Entry<String, List<BaselineProbe.RunHistograms>> entry : runsByProbe.entrySet()) {
            BaselineProbe template = firstByProbe.get(entry.getKey());
            long[] counts = countsByProbe.get(entry.getKey());
            ProbeHistograms all = sum(entry.getValue(), first.significantDigits());
            probes.add(new BaselineProbe(template.name(), template.pattern(), template.methods(), counts[0],
                    counts[1], counts[2], LatencySummary.of(all.latency()), all,
                    entry.getValue()));
        }
        Instant start = runs.stream().map(BaselineRun::startTime).min(Instant::compareTo).orElseThrow();
        Instant end = runs.stream().map(BaselineRun::endTime).max(Instant::compareTo).orElseThrow();
        return new Baseline(agentVersion, label, first.jvmName(), first.jvmVendor(), first.jvmVersion(),
                first.configSource(), start, end, first.significantDigits(), probes, runs, Optional.empty());
    }

    /** Every run's histograms added up; an optional one only when every run has it. */
    private static ProbeHistograms sum(List<BaselineProbe.RunHistograms> runs, int significantDigits) {
        Histogram latency = new Histogram(significantDigits);
        Histogram selfTime = new Histogram(significantDigits);
        Histogram allocation = new Histogram(significantDigits);
        boolean allSelfTime = true;
        boolean allAllocation = true;
        for (BaselineProbe.RunHistograms run : runs) {
            latency.add(run.histograms().latency());
            allSelfTime &= add(selfTime, run.histograms().selfTime());
            allAllocation &= add(allocation, run.histograms().allocation());
        }
        return new ProbeHistograms(latency, allSelfTime ? selfTime : null, allAllocation ? allocation : null);
    }

    private static boolean add(Histogram sum, AbstractHistogram part) {
        if (part == null) {
            return false;
        }
        sum.add(part);
        return true;
    }
}
