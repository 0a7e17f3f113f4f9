package io.perfweave.agent.baseline;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A saved run: how every probe behaved, to compare later runs with. Written by
 * {@link BaselineWriter}, read by {@link BaselineReader}; the file format is documented in
 * {@code docs/baselines.md}.
 *
 * @param agentVersion      the agent that saved it
 * @param label             the user's label ({@code baseline.label}), such as a commit id; may be empty
 * @param jvmName           {@code java.vm.name} of the saved run
 * @param jvmVendor         {@code java.vm.vendor}
 * @param jvmVersion        {@code Runtime.version()}
 * @param configSource      where the saved run's configuration came from
 * @param startTime         when the saved run's agent started
 * @param endTime           when the baseline was taken
 * @param significantDigits the histograms' precision
 * @param runs              the runs it was made from: one for a baseline saved by a run, several for a
 *                          merged one ({@code baseline merge}); {@link BaselineProbe#runs()} index into it
 * @param source            the file it was read from; empty for one not read from a file
 */
public record Baseline(String agentVersion, String label, String jvmName, String jvmVendor, String jvmVersion,
                       String configSource, Instant startTime, Instant endTime, int significantDigits,
                       List<BaselineProbe> probes, List<BaselineRun> runs, Optional<Path> source) {

    public Baseline {
        probes = List.copyOf(probes);
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a baseline is made of at least one run");
        }
    }

    /** A baseline saved by one run, described by its own metadata. */
    public static Baseline ofOneRun(String agentVersion, String label, String jvmName, String jvmVendor,
                                    String jvmVersion, String configSource, Instant startTime, Instant endTime,
                                    int significantDigits, List<BaselineProbe> probes, Optional<Path> source) {
        return new Baseline(agentVersion, label, jvmName, jvmVendor, jvmVersion, configSource, startTime, endTime,
                significantDigits, probes, List.of(new BaselineRun(label, agentVersion, jvmVersion, startTime, endTime)),
                source);
    }

    public Optional<BaselineProbe> probe(String name) {
        return probes.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** How people refer to this baseline in messages: its file and label. */
    public String describe() {
        String where = source.map(Path::toString).orElse("baseline");
        String what = runs.size() == 1 ? label : (label.isEmpty() ? "" : label + ", ") + runs.size() + " runs";
        return what.isEmpty() ? where : where + " (" + what + ")";
    }
}
