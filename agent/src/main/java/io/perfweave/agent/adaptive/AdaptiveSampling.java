package io.perfweave.agent.adaptive;

import io.perfweave.agent.config.AdaptiveSettings;
import io.perfweave.agent.config.ProbePriority;
import io.perfweave.agent.config.ProbeSpec;
import io.perfweave.agent.jvm.PressureLevel;
import io.perfweave.agent.jvm.PressureListener;
import io.perfweave.agent.probe.SamplePeriods;
import io.perfweave.agent.weave.AdaptiveProbes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code adaptive = true}: lowers the timing rate of normal- and low-priority probes while memory pressure
 * is orange or red (critical counts as red), and restores each probe's own rate when pressure falls back
 * to yellow or green. It writes the periods that the adaptive advice reads ({@link SamplePeriods}); every
 * call is still counted, and the reports say which period was in force, so the figures stay honest.
 *
 * <p>Periods change only here, under this object's lock: on a pressure change (the reporter thread, at
 * the end of an interval, so one period is in force for a whole interval), and when the probe table
 * issues a probe (a weaving thread, before any code reading the period is woven), which then starts at
 * the period of the current pressure.
 */
public final class AdaptiveSampling implements AdaptiveProbes, PressureListener {


    private final AdaptiveSettings settings;
    /** The probes whose period is set here, in the order issued. */
    private final List<ProbeSpec> probes = new ArrayList<>();
    /** The pressure the periods are set for: green (own rates), orange or red. */
    private PressureLevel sampledFor = PressureLevel.GREEN;

    /** Starts with every probe at its own rate; probe ids restart with each agent run, and so do their periods. */
    public AdaptiveSampling(AdaptiveSettings settings) {
        this.settings = settings;
        SamplePeriods.reset();
    }

    @Override
    public boolean adapts(ProbeSpec probe) {
        return settings.adapts(probe);
    }

    @Override
    public synchronized void issued(ProbeSpec probe) {
        probes.add(probe);
        SamplePeriods.setPeriod(probe.id(), periodOf(probe, sampledFor));
    }

    @Override
    public synchronized void retired(ProbeSpec probe) {
        probes.removeIf(p -> p.id() == probe.id());
    }

    @Override
    public synchronized void pressureChanged(PressureLevel from, PressureLevel to, double occupancy) {
        PressureLevel next = sampledFor(to);
        if (next == sampledFor) {
            return;
        }
        sampledFor = next;
        for (ProbeSpec probe : probes) {
            SamplePeriods.setPeriod(probe.id(), periodOf(probe, next));
        }
        if (next == PressureLevel.GREEN) {
            log().info("adaptive sampling: memory pressure down to {}, {} probe(s) back to their own rates", to.label(),
                    probes.size());
        } else {
            log().info("adaptive sampling: memory pressure {}, {} probe(s) timed less often ({}); high-priority probes"
                    + " unchanged, every call still counted", to.label(), probes.size(), rates(next));
        }
    }

    /** How many probes of each priority, at which period; a probe whose own rate is lower keeps it. */
    private String rates(PressureLevel level) {
        Map<ProbePriority, Integer> counts = new EnumMap<>(ProbePriority.class);
        probes.forEach(probe -> counts.merge(probe.priority(), 1, Integer::sum));
        StringJoiner text = new StringJoiner(", ");
        counts.forEach((priority, count) -> text.add(count + " " + priority.label() + " at 1/"
                + settings.reducedPeriod(priority, level == PressureLevel.RED)));
        return text.toString();
    }

    /** The pressure that decides the periods: green below orange, red at red and critical. */
    static PressureLevel sampledFor(PressureLevel level) {
        return switch (level) {
            case GREEN, YELLOW -> PressureLevel.GREEN;
            case ORANGE -> PressureLevel.ORANGE;
            case RED, CRITICAL -> PressureLevel.RED;
        };
    }

    /** The period of a probe at this pressure: the adaptive one, but never more often than its own {@code sample = 1/N}. */
    int periodOf(ProbeSpec probe, PressureLevel level) {
        PressureLevel sampled = sampledFor(level);
        int reduced = sampled == PressureLevel.GREEN ? 1 : settings.reducedPeriod(probe.priority(), sampled == PressureLevel.RED);
        return Math.max(probe.samplePeriod(), reduced);
    }

    /** Looked up when first needed: this object is made in {@code premain}, before the agent's logging. */
    private static Logger log() {
        return LoggerFactory.getLogger("perfweave.adaptive");
    }
}
