package io.perfweave.agent.baseline;

import io.perfweave.agent.report.ProbeSnapshot;
import io.perfweave.agent.report.ReportSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running JVM judged against a baseline ({@code baseline.compare}), once per snapshot: each
 * probe's cumulative histogram since start against the baseline's. Every output that shows
 * regressions (the log, the JSON report) asks this object, so they never disagree and the work is
 * done once. Reporter thread only.
 */
public final class BaselineVerdicts {

    private final Baseline baseline;
    private final RegressionRules rules;
    private ReportSnapshot judged;
    private Map<String, ProbeComparison> verdicts = Map.of();

    public BaselineVerdicts(Baseline baseline, RegressionRules rules) {
        this.baseline = baseline;
        this.rules = rules;
    }

    public Baseline baseline() {
        return baseline;
    }

    /** The verdict of every probe of the snapshot, by probe name, in the snapshot's order. */
    public Map<String, ProbeComparison> of(ReportSnapshot snapshot) {
        if (snapshot != judged) {
            List<BaselineComparison.Measured> measured = new ArrayList<>(snapshot.probes().size());
            for (ProbeSnapshot probe : snapshot.probes()) {
                measured.add(new BaselineComparison.Measured(probe.name(), probe.pattern(), new ProbeHistograms(
                        probe.totalHistogram(), probe.totalSelfTimeHistogram(), probe.totalAllocationHistogram())));
            }
            Map<String, ProbeComparison> byName = new LinkedHashMap<>();
            for (ProbeComparison comparison : BaselineComparison.compare(baseline, measured, rules, false)) {
                byName.put(comparison.name(), comparison);
            }
            verdicts = byName;
            judged = snapshot;
        }
        return verdicts;
    }
}
