package io.perfweave.agent.weave;

import io.perfweave.agent.config.BudgetLimits;
import io.perfweave.agent.config.MethodPattern;
import io.perfweave.agent.config.ProbeSpec;
import io.perfweave.agent.probe.ProbeRings;
import io.perfweave.agent.report.ProbeCoverage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The probes of this run, and which methods each has been woven into so far. The configured probes
 * come first, with ids 0 to n-1; probes named by {@code @Profiled} annotations are added as the
 * classes carrying them load. Written by whichever thread loads a class, read by the reporter.
 */
public final class ProbeTable implements ProbeCoverage {

    private final List<ProbeSpec> probes;
    private final Map<String, ProbeSpec> byName = new ConcurrentHashMap<>();
    private final Map<Integer, Set<String>> methodsByProbe = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> classesByProbe = new ConcurrentHashMap<>();

    public ProbeTable(List<ProbeSpec> configured) {
        this.probes = new CopyOnWriteArrayList<>(configured);
        configured.forEach(probe -> byName.put(probe.name(), probe));
    }

    /**
     * The probe of this name, created with the next free id if there is none yet.
     *
     * @return {@code null} when every probe id is taken
     */
    synchronized ProbeSpec probeFor(String name, MethodPattern pattern, boolean allocations) {
        return probeFor(name, pattern, allocations, BudgetLimits.NONE);
    }

    /** As above, with the budget its annotation states; a probe that exists already keeps its own. */
    synchronized ProbeSpec probeFor(String name, MethodPattern pattern, boolean allocations, BudgetLimits budget) {
        ProbeSpec existing = byName.get(name);
        if (existing != null) {
            return existing;
        }
        if (probes.size() >= ProbeRings.CALIBRATION_PROBE_ID) {
            return null;
        }
        ProbeSpec created = new ProbeSpec(probes.size(), name, pattern, allocations, budget);
        ProbeRings.resetDropped(created.id());
        probes.add(created);
        byName.put(name, created);
        return created;
    }

    void addMethod(int probeId, String signature) {
        methodsByProbe.computeIfAbsent(probeId, id -> new ConcurrentSkipListSet<>()).add(signature);
    }

    void addClass(int probeId) {
        classesByProbe.computeIfAbsent(probeId, id -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public List<String> methods(int probeId) {
        Set<String> methods = methodsByProbe.get(probeId);
        return methods == null ? List.of() : List.copyOf(methods);
    }

    @Override
    public int matchedClasses(int probeId) {
        AtomicInteger classes = classesByProbe.get(probeId);
        return classes == null ? 0 : classes.get();
    }

    @Override
    public List<ProbeSpec> probesFrom(int firstId) {
        return firstId >= probes.size() ? List.of() : List.copyOf(probes.subList(firstId, probes.size()));
    }
}
