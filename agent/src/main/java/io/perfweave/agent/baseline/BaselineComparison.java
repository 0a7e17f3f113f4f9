package io.perfweave.agent.baseline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.HdrHistogram.AbstractHistogram;

/**
 * Compares the probes of a run with a {@link Baseline}, probe by probe, matched by name. The same
 * code serves the running agent ({@code baseline.compare}), the {@code compare} command and the
 * JUnit extension, so all three reach the same verdicts with the same words.
 */
public final class BaselineComparison {

    /** One probe of the run being judged; the histograms are only read. */
    public record Measured(String name, String pattern, ProbeHistograms histograms) {

        /** A probe judged on latency alone. */
        public Measured(String name, String pattern, AbstractHistogram latencyHistogram) {
            this(name, pattern, ProbeHistograms.latencyOnly(latencyHistogram));
        }
    }

    private BaselineComparison() {
    }

    /**
     * @param includeBaselineOnly whether probes that only the baseline has are listed too (as
     *                            {@code insufficient-data}), after the run's own probes
     */
    public static List<ProbeComparison> compare(Baseline baseline, List<Measured> current, RegressionRules rules,
                                                boolean includeBaselineOnly) {
        List<ProbeComparison> results = new ArrayList<>(current.size());
        Set<String> seen = new HashSet<>();
        for (Measured measured : current) {
            seen.add(measured.name());
            RegressionRule rule = rules.forProbe(measured.name());
            Optional<BaselineProbe> base = baseline.probe(measured.name());
            if (base.isEmpty()) {
                results.add(rule.missing(measured.name(), 0, measured.histograms().latency().getTotalCount(),
                        "not in the baseline"));
            } else {
                List<ProbeHistograms> runs = base.get().runs().stream().map(BaselineProbe.RunHistograms::histograms)
                        .toList();
                results.add(rule.judge(measured.name(), runs, measured.histograms()));
            }
        }
        if (includeBaselineOnly) {
            for (BaselineProbe probe : baseline.probes()) {
                if (!seen.contains(probe.name())) {
                    results.add(rules.forProbe(probe.name()).missing(probe.name(),
                            probe.latencyHistogram().getTotalCount(), 0, "only in the baseline"));
                }
            }
        }
        return results;
    }

    /** The probes of a saved run, to compare two baseline files. */
    public static List<Measured> measured(Baseline run) {
        return run.probes().stream().map(p -> new Measured(p.name(), p.pattern(), p.all())).toList();
    }
}
