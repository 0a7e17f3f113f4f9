package io.perfweave.agent.weave;

import io.perfweave.agent.config.BudgetLimits;
import io.perfweave.agent.config.MethodPattern;
import io.perfweave.agent.config.ProbePriority;
import io.perfweave.agent.config.ProbeSpec;
import io.perfweave.agent.probe.ProbeRings;
import io.perfweave.agent.probe.SamplePeriods;
import io.perfweave.agent.report.ProbeCoverage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The probes of this run, and which methods each has been woven into so far. The configured probes
 * come first, with ids 0 to n-1; probes named by {@code @Profiled} annotations are added as the
 * classes carrying them load. Written by whichever thread loads a class, read by the reporter.
 *
 * <p>A reload ({@link #reconfigure}) keeps the id of every probe whose name, pattern and allocation
 * setting are unchanged, so woven code and the reporter's figures stay attached to it; a probe that
 * is new or changed gets a fresh id, and the ids of removed or changed probes are retired for good.
 * An id is never given to a second probe: a record from code woven before the reload (a call still
 * running on some stack) can only ever reach the probe it was woven for, or nothing.
 *
 * <p>With adaptive sampling, every probe that {@linkplain AdaptiveProbes#adapts adapts} is announced to
 * it when issued and when retired, so that its period is set before code reading it is woven.
 */
public final class ProbeTable implements ProbeCoverage {

    /** Every probe ever issued, by id. */
    private final List<ProbeSpec> issued;
    private final Set<Integer> retired = ConcurrentHashMap.newKeySet();
    private volatile List<ProbeSpec> configured;
    private final Map<String, ProbeSpec> byName = new ConcurrentHashMap<>();
    private final Map<Integer, Set<String>> methodsByProbe = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> classesByProbe = new ConcurrentHashMap<>();
    /** Of {@code @Profiled} probes: the method that created each; set before the probe is issued. */
    private final Map<Integer, String> declaringMethods = new ConcurrentHashMap<>();
    private final AdaptiveProbes adaptive;

    /** What a {@link #reconfigure} changed, by probe name. */
    public record Changes(List<String> added, List<String> changed, List<String> removed, List<String> unchanged) {

        public boolean any() {
            return !added.isEmpty() || !changed.isEmpty() || !removed.isEmpty();
        }
    }

    /** A table without adaptive sampling. */
    public ProbeTable(List<ProbeSpec> configured) {
        this(configured, AdaptiveProbes.NONE);
    }

    public ProbeTable(List<ProbeSpec> configured, AdaptiveProbes adaptive) {
        this.adaptive = adaptive;
        this.issued = new CopyOnWriteArrayList<>(configured);
        this.configured = List.copyOf(configured);
        configured.forEach(probe -> byName.put(probe.name(), probe));
        configured.forEach(this::announce);
    }

    private void announce(ProbeSpec probe) {
        if (adaptive.adapts(probe)) {
            adaptive.issued(probe);
        }
    }

    /** Whether the probe is woven with advice that reads its period at run time. */
    boolean adapts(ProbeSpec probe) {
        return adaptive.adapts(probe);
    }

    /** The configured probes in force, in id order. */
    public List<ProbeSpec> configured() {
        return configured;
    }

    /**
     * Replaces the configured probes; {@code @Profiled} probes stay. The ids of the given specs are
     * ignored and issued here.
     *
     * @throws IllegalStateException when there are not enough probe ids left; nothing is changed then
     */
    public synchronized Changes reconfigure(List<ProbeSpec> probes) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<ProbeSpec> next = new ArrayList<>();
        Map<String, ProbeSpec> previous = new java.util.LinkedHashMap<>();
        configured.forEach(probe -> previous.put(probe.name(), probe));
        int fresh = (int) probes.stream().filter(p -> !sameProbe(previous.get(p.name()), p)).count();
        if (issued.size() + fresh > ProbeRings.MAX_PROBES) {
            throw new IllegalStateException("no probe ids left: at most " + ProbeRings.MAX_PROBES
                    + " probes can be issued over the life of an attached agent; detach and attach again");
        }
        for (ProbeSpec probe : probes) {
            ProbeSpec old = previous.remove(probe.name());
            if (sameProbe(old, probe)) {
                next.add(old);
                unchanged.add(probe.name());
                continue;
            }
            if (old != null) {
                retire(old);
                changed.add(probe.name());
            } else {
                added.add(probe.name());
            }
            ProbeSpec created = probe.withId(issued.size());
            ProbeRings.resetDropped(created.id());
            announce(created);
            issued.add(created);
            byName.put(created.name(), created);
            next.add(created);
        }
        previous.values().forEach(this::retire);
        configured = List.copyOf(next);
        return new Changes(added, changed, List.copyOf(previous.keySet()), unchanged);
    }

    /** Whether the woven code of {@code old} serves {@code probe} unchanged: same methods, same advice. */
    private static boolean sameProbe(ProbeSpec old, ProbeSpec probe) {
        return old != null && old.pattern().toString().equals(probe.pattern().toString())
                && Objects.equals(old.pattern().requiredAnnotation(), probe.pattern().requiredAnnotation())
                && old.allocations() == probe.allocations() && old.samplePeriod() == probe.samplePeriod()
                && old.priority() == probe.priority();
    }

    private void retire(ProbeSpec probe) {
        retired.add(probe.id());
        if (adaptive.adapts(probe)) {
            adaptive.retired(probe);
        }
        byName.remove(probe.name(), probe);
        methodsByProbe.remove(probe.id());
        classesByProbe.remove(probe.id());
        declaringMethods.remove(probe.id());
    }

    /**
     * The probe of this name, created with the next free id and the budget and priority its annotation
     * states if there is none yet; a probe that exists already keeps its own.
     *
     * @param declaringMethod the signature of the annotated method asking; it stays the probe's
     *                        {@linkplain #declaringMethod declaring method} if this creates the probe
     * @return {@code null} when every probe id is taken
     */
    synchronized ProbeSpec probeFor(String name, MethodPattern pattern, boolean allocations, BudgetLimits budget,
                                    ProbePriority priority, String declaringMethod) {
        ProbeSpec existing = byName.get(name);
        if (existing != null) {
            return existing;
        }
        if (issued.size() >= ProbeRings.CALIBRATION_PROBE_ID) {
            return null;
        }
        ProbeSpec created = new ProbeSpec(issued.size(), name, pattern, allocations, 1, budget, priority);
        ProbeRings.resetDropped(created.id());
        // Before the probe is issued: the reporter finds it through `issued` and must see it whole.
        declaringMethods.put(created.id(), declaringMethod);
        announce(created);
        issued.add(created);
        byName.put(name, created);
        return created;
    }

    void addMethod(int probeId, String signature) {
        if (!retired.contains(probeId)) {
            methodsByProbe.computeIfAbsent(probeId, id -> new ConcurrentSkipListSet<>()).add(signature);
        }
    }

    void addClass(int probeId) {
        if (!retired.contains(probeId)) {
            classesByProbe.computeIfAbsent(probeId, id -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Override
    public List<String> methods(int probeId) {
        Set<String> methods = methodsByProbe.get(probeId);
        return methods == null ? List.of() : List.copyOf(methods);
    }

    @Override
    public String declaringMethod(int probeId) {
        return declaringMethods.get(probeId);
    }

    @Override
    public int matchedClasses(int probeId) {
        AtomicInteger classes = classesByProbe.get(probeId);
        return classes == null ? 0 : classes.get();
    }

    @Override
    public List<ProbeSpec> probesFrom(int firstId) {
        List<ProbeSpec> from = new ArrayList<>();
        for (int id = firstId; id < issued.size(); id++) {
            if (!retired.contains(id)) {
                from.add(issued.get(id));
            }
        }
        return from;
    }

    @Override
    public boolean adaptsRate(ProbeSpec probe) {
        return adaptive.adapts(probe);
    }

    @Override
    public int periodInForce(ProbeSpec probe) {
        return adaptive.adapts(probe) ? Math.max(probe.samplePeriod(), SamplePeriods.period(probe.id())) : probe.samplePeriod();
    }

    @Override
    public boolean isActive(int probeId) {
        return probeId < issued.size() && !retired.contains(probeId);
    }
}
