package io.perfweave.agent.weave;

import io.perfweave.agent.config.ProbeSpec;
import io.perfweave.agent.report.ProbeCoverage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Which methods each probe has been woven into so far, and how many classes matched its class
 * pattern: the report lists the methods, and a probe whose pattern found nothing is reported as
 * such. Written by whichever thread loads a class, read by the reporter.
 */
public final class MatchedMethods implements ProbeCoverage {

    private final List<Set<String>> methodsByProbe;
    private final AtomicIntegerArray classesByProbe;

    public MatchedMethods(List<ProbeSpec> probes) {
        this.methodsByProbe = probes.stream().<Set<String>>map(p -> new ConcurrentSkipListSet<>()).toList();
        this.classesByProbe = new AtomicIntegerArray(probes.size());
    }

    void addMethod(int probeId, String signature) {
        methodsByProbe.get(probeId).add(signature);
    }

    void addClass(int probeId) {
        classesByProbe.incrementAndGet(probeId);
    }

    @Override
    public List<String> methods(int probeId) {
        return List.copyOf(methodsByProbe.get(probeId));
    }

    @Override
    public int matchedClasses(int probeId) {
        return classesByProbe.get(probeId);
    }
}
