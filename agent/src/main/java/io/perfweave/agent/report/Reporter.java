package io.perfweave.agent.report;

import io.perfweave.agent.config.ProbeSpec;
import io.perfweave.agent.jvm.JvmHealth;
import io.perfweave.agent.jvm.JvmMonitor;
import io.perfweave.agent.overhead.AgentCost;
import io.perfweave.agent.overhead.OverheadMeter;
import io.perfweave.agent.probe.ProbeFaults;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that turns records into reports. It drains the rings every few milliseconds (see
 * {@link DrainPacer}), closes an interval every {@code reporter.interval} and hands the resulting
 * {@link ReportSnapshot} to every sink; when the JVM exits, {@link #finish} makes it drain what is
 * left and publish the final snapshot.
 *
 * <p>All statistics are owned by the reporter thread; other threads only call {@link #start},
 * {@link #finish} and {@link #latencySoFar}. The last one is a hand-off: the caller queues a request
 * and waits; the reporter takes the queued requests, drains every ring, and answers each with copies
 * of the histograms, so no statistic is ever read by another thread. A failure in one iteration or one sink is logged once per kind and counted; the
 * loop goes on, so a broken sink can never stop the reports of the others.
 */
public final class Reporter {

    private static final Logger LOG = LoggerFactory.getLogger("perfweave.report");

    private final List<ProbeSpec> probes = new ArrayList<>();
    private final List<ProbeStatistics> statistics = new ArrayList<>();
    private final int significantDigits;
    private final ProbeCoverage coverage;
    private final List<ReportSink> sinks;
    private final BudgetJudge budgets;
    private final long intervalNanos;
    private final Clock clock;
    private final RingDrainer drainer;
    private final CallTreeRecorder callTree = new CallTreeRecorder();
    private final Thread thread;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Set<String> loggedFailures = new HashSet<>();
    private final Instant runStart;
    /** {@code null} for a reporter without JVM figures. */
    private final JvmMonitor jvm;
    /** {@code null} for a reporter that does not measure its own cost. */
    private final OverheadMeter overhead;
    private Instant intervalStart;
    private double intervalHighestFill;
    private long previousReportNanos;
    private long intervalOverruns;
    private long failures;
    /** {@link ProbeFaults#count()} when this reporter started: failures before belong to an earlier run. */
    private final long probeFaultsAtStart = ProbeFaults.count();
    private volatile boolean finishing;
    /** Requests for {@link #latencySoFar}: queued by any thread, taken by the reporter thread only. */
    private final ConcurrentLinkedQueue<CompletableFuture<Map<String, Histogram>>> latencyRequests =
            new ConcurrentLinkedQueue<>();

    /** A reporter whose snapshots carry no JVM health and no agent cost figures. */
    public Reporter(List<ProbeSpec> probes, ProbeCoverage coverage, List<ReportSink> sinks, long intervalNanos,
                    int significantDigits, Clock clock) {
        this(probes, coverage, sinks, BudgetJudge.NONE, intervalNanos, significantDigits, clock, null, null);
    }

    /**
     * @param budgets  judges every probe's budget before each snapshot is built
     * @param jvm      records the JVM's health each interval; owned by the reporter from now on, which
     *                 closes it when it finishes
     * @param overhead measures the agent's own cost each interval
     */
    public Reporter(List<ProbeSpec> probes, ProbeCoverage coverage, List<ReportSink> sinks, BudgetJudge budgets,
                    long intervalNanos, int significantDigits, Clock clock, JvmMonitor jvm, OverheadMeter overhead) {
        this.jvm = jvm;
        this.overhead = overhead;
        this.coverage = coverage;
        this.sinks = List.copyOf(sinks);
        this.budgets = budgets;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
        this.significantDigits = significantDigits;
        probes.forEach(this::add);
        this.drainer = new RingDrainer(this::statisticsFor, callTree);
        this.runStart = clock.instant();
        this.intervalStart = runStart;
        this.thread = new Thread(this::run, "perfweave-reporter");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Ids are issued in increasing order; ids retired before the reporter saw them leave gaps. */
    private void add(ProbeSpec probe) {
        while (probes.size() < probe.id()) {
            probes.add(null);
            statistics.add(null);
        }
        probes.add(probe);
        statistics.add(new ProbeStatistics(probe.id(), significantDigits, probe.allocations()));
    }

    /**
     * Takes in probes added since (by {@code @Profiled} classes loading, or a reload), then returns the
     * statistics of one; {@code null} for an id no probe has (the probe cost calibration's) or one a reload
     * retired. Per record, so only the new ids are asked for: retired probes are dropped once per snapshot,
     * not here, where a scan of every probe per record of the calibration cost seconds of CPU at start-up
     * with 1,000 probes.
     */
    private ProbeStatistics statisticsFor(int probeId) {
        if (probeId >= statistics.size()) {
            coverage.probesFrom(probes.size()).forEach(this::add);
        }
        return probeId < statistics.size() ? statistics.get(probeId) : null;
    }

    private String probeName(int probeId) {
        ProbeSpec probe = probeId < probes.size() ? probes.get(probeId) : null;
        return probe != null ? probe.name() : "probe#" + probeId;
    }

    /** Takes in new probes and drops the figures of retired ones (their names stay, for the call tree). */
    private void learnNewProbes() {
        coverage.probesFrom(probes.size()).forEach(this::add);
        for (int id = 0; id < statistics.size(); id++) {
            if (statistics.get(id) != null && !coverage.isActive(id)) {
                statistics.set(id, null);
            }
        }
    }

    /** The probes whose figures are reported, in id order. */
    private List<ProbeSpec> activeProbes() {
        List<ProbeSpec> active = new ArrayList<>(probes.size());
        for (int id = 0; id < probes.size(); id++) {
            if (statistics.get(id) != null) {
                active.add(probes.get(id));
            }
        }
        return active;
    }

    /** Whether the reporter thread has ended (after {@link #finish}); a detaching agent waits for it. */
    public boolean awaitStopped(long timeoutNanos) throws InterruptedException {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos)));
        return !thread.isAlive();
    }

    /**
     * Makes the reporter drain everything recorded so far and publish the final snapshot, close
     * every sink, and waits
     * for that at most {@code timeoutNanos}, so that a JVM that is exiting is never held up for long.
     *
     * @return {@code true} if the final snapshot was published in time
     */
    public boolean finish(long timeoutNanos) {
        finishing = true;
        LockSupport.unpark(thread);
        try {
            return finished.await(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The latency of every call of every probe so far, as copies keyed by probe name in the order of their ids, including every
     * call that finished on any thread before this method was called: the reporter drains the rings
     * after it has taken the request. Waits for the reporter at most {@code timeoutNanos}.
     *
     * @throws TimeoutException when the reporter did not answer in time, or has finished
     */
    public Map<String, Histogram> latencySoFar(long timeoutNanos) throws TimeoutException, InterruptedException {
        CompletableFuture<Map<String, Histogram>> request = new CompletableFuture<>();
        latencyRequests.add(request);
        LockSupport.unpark(thread);
        if (finished.getCount() == 0) {
            // The reporter may have finished before it could see the request.
            request.completeExceptionally(new TimeoutException("the reporter has finished"));
        }
        try {
            return request.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TimeoutException timeout ? timeout : new TimeoutException(e.getCause().toString());
        } finally {
            latencyRequests.remove(request);
        }
    }

    /** Takes the queued requests; they are answered after the next drain, which includes every call before them. */
    private List<CompletableFuture<Map<String, Histogram>>> takeLatencyRequests() {
        List<CompletableFuture<Map<String, Histogram>>> taken = new ArrayList<>();
        for (CompletableFuture<Map<String, Histogram>> r = latencyRequests.poll(); r != null; r = latencyRequests.poll()) {
            taken.add(r);
        }
        return taken;
    }

    private void answer(List<CompletableFuture<Map<String, Histogram>>> requests) {
        if (requests.isEmpty()) {
            return;
        }
        learnNewProbes();
        Map<String, Histogram> latency = new LinkedHashMap<>();
        for (ProbeSpec probe : activeProbes()) {
            latency.put(probe.name(), statistics.get(probe.id()).latencySoFar());
        }
        Map<String, Histogram> answer = Collections.unmodifiableMap(latency);
        for (int i = 0; i < requests.size(); i++) {
            // Every caller gets copies of its own, because callers subtract from what they get.
            requests.get(i).complete(i == 0 ? answer : copies(answer));
        }
    }

    private static Map<String, Histogram> copies(Map<String, Histogram> latency) {
        Map<String, Histogram> copies = new LinkedHashMap<>();
        latency.forEach((name, histogram) -> copies.put(name, histogram.copy()));
        return Collections.unmodifiableMap(copies);
    }

    private void run() {
        if (overhead != null) {
            try {
                overhead.start(drainer::drainAll);
            } catch (Throwable t) {
                failed("probe cost calibration", t);
            }
        }
        long nextReport = System.nanoTime() + intervalNanos;
        while (!finishing) {
            List<CompletableFuture<Map<String, Histogram>>> requests = takeLatencyRequests();
            try {
                double fill = drainer.drainAll();
                answer(requests);
                intervalHighestFill = Math.max(intervalHighestFill, drainer.lastFillOfMaximum());
                long now = System.nanoTime();
                if (now - nextReport >= 0) {
                    publish(false);
                    nextReport = Math.max(nextReport + intervalNanos, now + 1);
                }
                LockSupport.parkNanos(this, DrainPacer.pauseNanos(fill, nextReport - System.nanoTime()));
            } catch (Throwable t) {
                failed("reporter iteration", t);
                requests.forEach(r -> r.completeExceptionally(t));
                LockSupport.parkNanos(this, DrainPacer.IDLE_PAUSE_NANOS);
            }
        }
        List<CompletableFuture<Map<String, Histogram>>> requests = takeLatencyRequests();
        try {
            drainer.drainAll();
            answer(requests);
            intervalHighestFill = Math.max(intervalHighestFill, drainer.lastFillOfMaximum());
            publish(true);
        } catch (Throwable t) {
            failed("final report", t);
        } finally {
            if (jvm != null) {
                jvm.close();
            }
            closeSinks();
            finished.countDown();
            takeLatencyRequests().forEach(r -> r.completeExceptionally(new TimeoutException("the reporter has finished")));
        }
    }

    private void closeSinks() {
        for (ReportSink sink : sinks) {
            try {
                sink.close();
            } catch (Throwable t) {
                failed("closing sink " + sink.name(), t);
            }
        }
    }

    /** Builds and delivers one snapshot, and measures how long that took, for the next snapshot's health figures. */
    private void publish(boolean finalReport) {
        long began = System.nanoTime();
        ReportSnapshot snapshot = snapshot(finalReport);
        try {
            deliver(snapshot, finalReport);
        } finally {
            for (ProbeStatistics probe : statistics) {
                if (probe != null) {
                    probe.startNextInterval();
                }
            }
            if (jvm != null) {
                jvm.startNextInterval();
            }
            intervalHighestFill = 0;
            previousReportNanos = System.nanoTime() - began;
            if (previousReportNanos > intervalNanos && !finalReport) {
                intervalOverruns++;
                if (loggedFailures.add("interval overrun")) {
                    LOG.warn("reporting one interval took {} ms, longer than reporter.interval ({} ms): the next interval"
                                    + " starts late (a slow output or a starved machine; counted as intervalOverruns, not"
                                    + " logged again)", TimeUnit.NANOSECONDS.toMillis(previousReportNanos),
                            TimeUnit.NANOSECONDS.toMillis(intervalNanos));
                }
            }
        }
    }

    private void deliver(ReportSnapshot snapshot, boolean finalReport) {
        for (ReportSink sink : sinks) {
            try {
                if (finalReport) {
                    sink.onFinal(snapshot);
                } else {
                    sink.onInterval(snapshot);
                }
            } catch (Throwable t) {
                failed("sink " + sink.name(), t);
            }
        }
    }

    private ReportSnapshot snapshot(boolean finalReport) {
        learnNewProbes();
        Instant end = clock.instant();
        List<ProbeSpec> active = activeProbes();
        List<ProbeSnapshot> probeSnapshots = new ArrayList<>(active.size());
        long droppedTotal = 0;
        long intervalCalls = 0;
        List<ProbeStatistics.Closed> closedIntervals = new ArrayList<>(active.size());
        int[] periodsInForce = new int[active.size()];
        for (int i = 0; i < active.size(); i++) {
            ProbeSpec probe = active.get(i);
            closedIntervals.add(statistics.get(probe.id()).closeInterval());
            periodsInForce[i] = coverage.periodInForce(probe);
        }
        // After the probes' periods are read: a pressure change found here changes sampling periods, from the next
        // interval on. Before their budgets are judged: a violation raised takes the GC pauses of this interval too.
        JvmHealth jvmHealth = jvmHealth(end);
        for (int i = 0; i < active.size(); i++) {
            ProbeSpec probe = active.get(i);
            ProbeStatistics.Closed closed = closedIntervals.get(i);
            droppedTotal += closed.total().dropped();
            BudgetStatus budget = judge(probe, closed, end);
            intervalCalls += closed.interval().calls();
            probeSnapshots.add(new ProbeSnapshot(probe.id(), probe.name(), probe.pattern().toString(),
                    coverage.methods(probe.id()), coverage.matchedClasses(probe.id()), closed.interval(), closed.total(),
                    closed.intervalHistogram(), closed.totalHistogram(), statistics.get(probe.id()).exceptions(),
                    closed.totalSelfTimeHistogram(), closed.totalAllocationHistogram(), probe.samplePeriod(), budget,
                    coverage.adaptsRate(probe), probe.priority(), periodsInForce[i],
                    coverage.declaringMethod(probe.id())));
        }
        AgentCost agentCost = agentCost(intervalCalls, jvmHealth, end);
        ReportSnapshot snapshot = new ReportSnapshot(runStart, intervalStart, end, finalReport,
                List.copyOf(probeSnapshots), droppedTotal, callTree.edges(this::probeName),
                new ReporterHealth(previousReportNanos, intervalHighestFill, drainer.ringCount(), intervalOverruns,
                        failures + probeFaults()),
                jvmHealth, agentCost);
        intervalStart = end;
        return snapshot;
    }

    /** A failing judge costs the probe its budget status for this interval, never the snapshot. */
    private BudgetStatus judge(ProbeSpec probe, ProbeStatistics.Closed closed, Instant end) {
        try {
            return budgets.judge(probe, closed.interval(), closed.intervalHistogram(), closed.intervalAllocation(),
                    intervalStart, end);
        } catch (RuntimeException e) {
            failed("budget evaluation", e);
            return BudgetStatus.NONE;
        }
    }

    /** The JVM's figures, or none when they cannot be had: the probes' report never waits on them. */
    private JvmHealth jvmHealth(Instant end) {
        try {
            return jvm == null ? JvmHealth.UNMEASURED : jvm.sample(end);
        } catch (RuntimeException e) {
            failed("JVM health", e);
            return JvmHealth.UNMEASURED;
        }
    }

    private AgentCost agentCost(long intervalCalls, JvmHealth jvmHealth, Instant end) {
        try {
            return overhead == null ? AgentCost.UNMEASURED : overhead.sample(intervalCalls, jvmHealth.processCpuNanos(),
                    jvmHealth.processCpuNanosTotal(), retainedBytes(), intervalStart, end);
        } catch (RuntimeException e) {
            failed("agent cost", e);
            return AgentCost.UNMEASURED;
        }
    }

    /** The agent's heap, estimated: every histogram and ring. */
    private long retainedBytes() {
        long bytes = drainer.ringBytes() + (jvm == null ? 0 : jvm.footprintBytes());
        for (ProbeStatistics probe : statistics) {
            if (probe != null) { // null: a probe a reload retired
                bytes += probe.footprintBytes();
            }
        }
        return bytes;
    }

    /** Failures of the probe runtime inside probed methods since start; the first is logged once. */
    private long probeFaults() {
        long faults = ProbeFaults.count() - probeFaultsAtStart;
        if (faults > 0 && loggedFailures.add("probe runtime")) {
            LOG.error("the probe runtime failed inside a probed method; the method ran on as without the probe and"
                    + " the call may be missing from the figures (counted in agentFailures, not logged again)",
                    ProbeFaults.first());
        }
        return faults;
    }

    private void failed(String what, Throwable t) {
        failures++;
        if (loggedFailures.add(what + ":" + t.getClass().getName())) {
            LOG.error("{} failed; the agent carries on (further failures of this kind are not logged)", what, t);
        }
    }
}
