package io.perfweave.agent.report;

import io.perfweave.agent.config.ProbeSpec;
import java.util.List;

/** What the weaver has found for each probe so far; the reporter reads it for every snapshot. */
public interface ProbeCoverage {

    /** The methods a probe has been woven into, sorted. */
    List<String> methods(int probeId);

    /**
     * For a probe that a {@code @Profiled} annotation created: the method whose annotation created it
     * ({@code com.acme.Shop#checkout(com.acme.Cart)}), fixed when the probe is issued and never
     * changed, even when more methods later share its name. {@code null} for a probe of the
     * configuration, whose pattern says what it times.
     */
    default String declaringMethod(int probeId) {
        return null;
    }

    /** How many class transformations matched the probe's class pattern; 0 if none has yet. */
    int matchedClasses(int probeId);

    /**
     * Probes with an id of {@code firstId} or more, in id order: probes added while the JVM runs
     * (by {@code @Profiled} annotations) that the reporter does not know yet.
     */
    default List<ProbeSpec> probesFrom(int firstId) {
        return List.of();
    }

    /**
     * Whether a probe is still part of the configuration: a reload retires the ids of probes it
     * removes or changes, and the reporter then drops their figures.
     */
    default boolean isActive(int probeId) {
        return true;
    }

    /** Whether adaptive sampling may lower the probe's timing rate under memory pressure. */
    default boolean adaptsRate(ProbeSpec probe) {
        return false;
    }

    /** N of the one-in-N timing in force for the probe now: its own {@code sample = 1/N}, or what adaptive sampling set. */
    default int periodInForce(ProbeSpec probe) {
        return probe.samplePeriod();
    }
}
