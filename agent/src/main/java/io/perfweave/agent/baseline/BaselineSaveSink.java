package io.perfweave.agent.baseline;

import io.perfweave.agent.report.ProbeSnapshot;
import io.perfweave.agent.report.ReportSink;
import io.perfweave.agent.report.ReportSnapshot;
import io.perfweave.agent.report.RunInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Saves the whole run as a baseline when the JVM exits ({@code baseline.save}). */
public final class BaselineSaveSink implements ReportSink {

    private static final Logger LOG = LoggerFactory.getLogger("perfweave.baseline");

    private final Path destination;
    private final RunInfo run;
    private final String label;
    private final int significantDigits;

    public BaselineSaveSink(Path destination, RunInfo run, String label, int significantDigits) {
        this.destination = destination;
        this.run = run;
        this.label = label;
        this.significantDigits = significantDigits;
    }

    @Override
    public void onFinal(ReportSnapshot snapshot) {
        try {
            BaselineWriter.write(baselineOf(snapshot, run, label, significantDigits), destination);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the baseline to " + destination, e);
        }
        LOG.info("baseline written to {}", destination);
    }

    /** A baseline of the snapshot's cumulative figures; the lent histograms are copied. */
    public static Baseline baselineOf(ReportSnapshot snapshot, RunInfo run, String label, int significantDigits) {
        List<BaselineProbe> probes = new ArrayList<>(snapshot.probes().size());
        for (ProbeSnapshot probe : snapshot.probes()) {
            ProbeHistograms histograms = new ProbeHistograms(copy(probe.totalHistogram(), significantDigits),
                    copy(probe.totalSelfTimeHistogram(), significantDigits),
                    copy(probe.totalAllocationHistogram(), significantDigits));
            probes.add(BaselineProbe.ofOneRun(probe.name(), probe.pattern(), probe.methods(), probe.total().calls(),
                    probe.total().errors(), probe.total().dropped(), histograms));
        }
        return Baseline.ofOneRun(run.agentVersion(), label, run.jvmName(), run.jvmVendor(), run.jvmVersion(),
                run.configSource(), snapshot.runStart(), snapshot.intervalEnd(), significantDigits, List.copyOf(probes),
                Optional.empty());
    }

    private static Histogram copy(AbstractHistogram lent, int significantDigits) {
        if (lent == null) {
            return null;
        }
        Histogram copy = new Histogram(significantDigits);
        copy.add(lent);
        return copy;
    }

    @Override
    public String name() {
        return "baseline file";
    }
}
