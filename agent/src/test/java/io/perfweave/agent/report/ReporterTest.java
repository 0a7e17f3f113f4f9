package io.perfweave.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.perfweave.agent.config.BudgetMetric;
import io.perfweave.agent.config.MethodPattern;
import io.perfweave.agent.config.ProbeSpec;
import io.perfweave.agent.jvm.JvmMonitor;
import io.perfweave.agent.jvm.PressureThresholds;
import io.perfweave.agent.overhead.AgentCost;
import io.perfweave.agent.overhead.OverheadMeter;
import io.perfweave.agent.probe.ProbeRing;
import io.perfweave.agent.probe.ProbeRings;
import io.perfweave.agent.probe.Probes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReporterTest {

    /**
     * How long every recorded call lasted at least. A power of two: HdrHistogram's value buckets
     * start on powers of two, so the lowest value equivalent to any longer duration, which the
     * summary reports as the minimum, is still at least this.
     */
    private static final long KNOWN_NANOS = 1L << 23;
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long FINISH_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static final List<ProbeSpec> PROBES = List.of(
            new ProbeSpec(0, "checkout", MethodPattern.parse("com.acme.Checkout#process"), false),
            new ProbeSpec(1, "parse", MethodPattern.parse("com.acme.Parser#parse(String)"), true),
            new ProbeSpec(2, "idle", MethodPattern.parse("com.acme.Idle#*"), false));

    private static final ProbeCoverage COVERAGE = new ProbeCoverage() {
        @Override
        public List<String> methods(int probeId) {
            return probeId == 2 ? List.of() : List.of("method-of-" + probeId);
        }

        @Override
        public int matchedClasses(int probeId) {
            return probeId == 2 ? 0 : 1;
        }
    };

    /**
     * Keeps every snapshot it is given, and checks during each call that the lent histograms hold
     * exactly what the summaries say (they are reset after the call, so they cannot be checked later).
     */
    static class CapturingSink implements ReportSink {
        final List<ReportSnapshot> intervals = new CopyOnWriteArrayList<>();
        final List<ReportSnapshot> finals = new CopyOnWriteArrayList<>();
        final List<String> histogramMismatches = new CopyOnWriteArrayList<>();

        @Override
        public void onInterval(ReportSnapshot snapshot) {
            checkHistograms(snapshot);
            intervals.add(snapshot);
        }

        @Override
        public void onFinal(ReportSnapshot snapshot) {
            checkHistograms(snapshot);
            finals.add(snapshot);
        }

        private void checkHistograms(ReportSnapshot snapshot) {
            for (ProbeSnapshot probe : snapshot.probes()) {
                if (probe.intervalHistogram().getTotalCount() != probe.interval().latency().samples()
                        || probe.totalHistogram().getTotalCount() != probe.total().latency().samples()) {
                    histogramMismatches.add(probe.name() + " in " + snapshot.intervalEnd());
                }
            }
        }

        @Override
        public String name() {
            return "capturing";
        }

        boolean sawCalls() {
            return intervals.stream().anyMatch(s -> s.probes().stream().anyMatch(p -> p.interval().calls() > 0));
        }
    }

    /** Fails every time, after counting the call. */
    static final class BrokenSink implements ReportSink {
        final AtomicInteger intervals = new AtomicInteger();
        final AtomicInteger finals = new AtomicInteger();

        @Override
        public void onInterval(ReportSnapshot snapshot) {
            intervals.incrementAndGet();
            throw new IllegalStateException("broken sink (expected in this test)");
        }

        @Override
        public void onFinal(ReportSnapshot snapshot) {
            finals.incrementAndGet();
            throw new IllegalStateException("broken sink (expected in this test)");
        }

        @Override
        public String name() {
            return "broken";
        }
    }

    private Reporter reporter;

    @BeforeEach
    void resetProbeRuntime() {
        for (ProbeSpec probe : PROBES) {
            ProbeRings.resetDropped(probe.id());
        }
    }

    @AfterEach
    void stopReporter() {
        if (reporter != null) {
            reporter.finish(FINISH_TIMEOUT_NANOS);
        }
    }

    private Reporter startReporter(ReportSink... sinks) {
        reporter = new Reporter(PROBES, COVERAGE, List.of(sinks), INTERVAL_NANOS, 2, Clock.systemUTC());
        reporter.start();
        return reporter;
    }

    private static Thread recording(Runnable calls) {
        Thread thread = new Thread(calls, "reporter-test-app");
        thread.start();
        return thread;
    }

    /** Root calls of a probe that each lasted at least {@link #KNOWN_NANOS}. */
    private static void calls(int probeId, int count, boolean threw) {
        for (int i = 0; i < count; i++) {
            Probes.enter(probeId);
            Probes.exit(probeId, System.nanoTime() - KNOWN_NANOS,
                    threw ? new IllegalStateException("expected in this test") : null);
        }
    }

    /** Like {@link #calls}, measuring allocation: each call allocates a {@code long[1000]}. */
    private static void allocatingCalls(int probeId, int count) {
        for (int i = 0; i < count; i++) {
            Probes.enter(probeId);
            long allocatedAtStart = Probes.allocatedBytes();
            blackhole = new long[1000];
            Probes.exitAllocating(probeId, System.nanoTime() - KNOWN_NANOS, allocatedAtStart, null);
        }
    }

    /** Where allocated arrays go, so that the JIT cannot leave them out. */
    static volatile Object blackhole;

    @Test
    void aReloadKeepsTheFiguresOfUnchangedProbesAndStartsChangedOnesAfresh() throws InterruptedException {
        io.perfweave.agent.weave.ProbeTable table = new io.perfweave.agent.weave.ProbeTable(PROBES);
        CapturingSink sink = new CapturingSink();
        reporter = new Reporter(PROBES, table, List.of(sink), INTERVAL_NANOS, 2, Clock.systemUTC());
        reporter.start();
        recording(() -> {
            calls(0, 5, false);
            calls(1, 4, false);
        }).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.intervals.stream()
                .anyMatch(s -> s.probes().stream().anyMatch(p -> p.id() == 1 && p.total().calls() == 4)));

        io.perfweave.agent.weave.ProbeTable.Changes changes = table.reconfigure(List.of(
                new ProbeSpec(0, "checkout", MethodPattern.parse("com.acme.Checkout#process"), false),
                new ProbeSpec(1, "parse", MethodPattern.parse("com.acme.Parser#parse(String)"), false),
                new ProbeSpec(2, "extra", MethodPattern.parse("com.acme.Extra#run"), false)));
        assertThat(changes.unchanged()).containsExactly("checkout");
        assertThat(changes.changed()).containsExactly("parse");
        assertThat(changes.added()).containsExactly("extra");
        assertThat(changes.removed()).containsExactly("idle");
        int newParse = table.configured().get(1).id();
        recording(() -> {
            calls(0, 3, false);
            calls(1, 7, false); // code woven before the reload, still running: goes nowhere
            calls(newParse, 2, false);
        }).join();
        assertThat(reporter.finish(FINISH_TIMEOUT_NANOS)).isTrue();

        ReportSnapshot last = sink.finals.get(0);
        assertThat(last.probes()).extracting(ProbeSnapshot::name, ProbeSnapshot::id, p -> p.total().calls())
                .containsExactly(tuple("checkout", 0, 8L), tuple("parse", newParse, 2L),
                        tuple("extra", table.configured().get(2).id(), 0L));
    }

    @Test
    void everySinkIsClosedOnceAfterTheFinalSnapshot() {
        List<String> events = new CopyOnWriteArrayList<>();
        ReportSink sink = new ReportSink() {
            @Override
            public void onFinal(ReportSnapshot snapshot) {
                events.add("final");
            }

            @Override
            public void close() {
                events.add("close");
            }

            @Override
            public String name() {
                return "closing";
            }
        };
        BrokenSink broken = new BrokenSink();
        startReporter(broken, sink);
        assertThat(reporter.finish(FINISH_TIMEOUT_NANOS)).isTrue();
        assertThat(events).containsExactly("final", "close");
    }

    @Test
    void countsEveryCallPerProbeAndPublishesIntervalsAndAFinalSnapshot() throws InterruptedException {
        BrokenSink broken = new BrokenSink();
        CapturingSink sink = new CapturingSink();
        startReporter(broken, sink);

        List<Thread> threads = new ArrayList<>();
        threads.add(recording(() -> calls(0, 100, false)));
        threads.add(recording(() -> {
            calls(0, 10, true);
            allocatingCalls(1, 30);
        }));
        threads.add(recording(() -> allocatingCalls(1, 20)));
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(thread.isAlive()).isFalse();
        }

        await().atMost(Duration.ofSeconds(10)).until(sink::sawCalls);
        assertThat(reporter.finish(FINISH_TIMEOUT_NANOS)).isTrue();

        assertThat(sink.finals).hasSize(1);
        assertThat(sink.histogramMismatches).isEmpty();
        ReportSnapshot last = sink.finals.get(0);
        assertThat(last.finalReport()).isTrue();
        assertThat(last.droppedTotal()).isZero();
        assertThat(last.probes()).extracting(ProbeSnapshot::id).containsExactly(0, 1, 2);

        ProbeSnapshot checkout = last.probes().get(0);
        assertThat(checkout.name()).isEqualTo("checkout");
        assertThat(checkout.pattern()).isEqualTo("com.acme.Checkout#process");
        assertThat(checkout.methods()).containsExactly("method-of-0");
        assertThat(checkout.matchedClasses()).isEqualTo(1);
        assertThat(checkout.total().calls()).isEqualTo(110);
        assertThat(checkout.total().errors()).isEqualTo(10);
        assertThat(checkout.total().dropped()).isZero();
        assertThat(checkout.total().latency().samples()).isEqualTo(110);
        assertThat(checkout.total().latency().min()).isGreaterThanOrEqualTo(KNOWN_NANOS);
        assertThat(checkout.total().failedLatency().samples()).isEqualTo(10);
        assertThat(checkout.total().errorRate()).isEqualTo(10.0 / 110);
        assertThat(checkout.total().totalTimeNanos()).isGreaterThanOrEqualTo(110 * KNOWN_NANOS);
        assertThat(checkout.total().selfTimeNanos()).isEqualTo(checkout.total().totalTimeNanos());
        assertThat(checkout.total().allocation()).as("checkout does not measure allocation").isNull();
        assertThat(checkout.exceptions()).containsExactly(new ExceptionCount(IllegalStateException.class.getName(), 10));

        ProbeSnapshot parse = last.probes().get(1);
        assertThat(parse.total().calls()).isEqualTo(50);
        assertThat(parse.total().errors()).isZero();
        assertThat(parse.total().latency().samples()).isEqualTo(50);
        assertThat(parse.total().latency().min()).isGreaterThanOrEqualTo(KNOWN_NANOS);
        assertThat(parse.exceptions()).isEmpty();
        assertThat(parse.total().allocation().samples()).isEqualTo(50);
        assertThat(parse.total().allocation().totalBytes()).isGreaterThanOrEqualTo(50 * 8_000L);

        ProbeSnapshot idle = last.probes().get(2);
        assertThat(idle.total().calls()).isZero();
        assertThat(idle.total().latency()).isEqualTo(LatencySummary.EMPTY);
        assertThat(idle.matchedClasses()).isZero();
        assertThat(idle.exceptions()).isEmpty();

        assertThat(last.callEdges()).extracting(CallEdge::parent, CallEdge::child, CallEdge::calls)
                .containsExactlyInAnyOrder(tuple(null, "checkout", 110L), tuple(null, "parse", 50L));

        assertThat(broken.intervals.get()).isPositive();
        assertThat(broken.finals.get()).isEqualTo(1);
    }

    @Test
    void intervalsFollowOneAnotherAndAddUpToTheTotal() throws InterruptedException {
        CapturingSink sink = new CapturingSink();
        startReporter(sink);

        Thread app = recording(() -> {
            calls(0, 40, false);
            calls(0, 2, true);
        });
        app.join(TimeUnit.SECONDS.toMillis(10));
        await().atMost(Duration.ofSeconds(10)).until(sink::sawCalls);
        Thread later = recording(() -> calls(0, 8, false));
        later.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(reporter.finish(FINISH_TIMEOUT_NANOS)).isTrue();

        List<ReportSnapshot> all = new ArrayList<>(sink.intervals);
        all.addAll(sink.finals);
        assertThat(sink.intervals).allSatisfy(s -> assertThat(s.finalReport()).isFalse());
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).intervalStart()).isEqualTo(all.get(i - 1).intervalEnd());
            assertThat(all.get(i).runStart()).isEqualTo(all.get(0).runStart());
        }
        assertThat(all.get(0).intervalStart()).isEqualTo(all.get(0).runStart());

        long intervalCalls = all.stream().mapToLong(s -> s.probes().get(0).interval().calls()).sum();
        long intervalErrors = all.stream().mapToLong(s -> s.probes().get(0).interval().errors()).sum();
        long intervalSamples = all.stream().mapToLong(s -> s.probes().get(0).interval().latency().samples()).sum();
        CallStats total = sink.finals.get(0).probes().get(0).total();
        assertThat(total.calls()).isEqualTo(50);
        assertThat(total.errors()).isEqualTo(2);
        assertThat(intervalCalls).isEqualTo(50);
        assertThat(intervalErrors).isEqualTo(2);
        assertThat(intervalSamples).isEqualTo(50);
    }

    @Test
    void nestedCallsBecomeEdgesOfTheCallTreeAndSelfTimeLeavesOutTheCallees() throws InterruptedException {
        CapturingSink sink = new CapturingSink();
        startReporter(sink);

        Thread app = recording(() -> {
            for (int i = 0; i < 3; i++) {
                Probes.enter(0);
                long checkout = System.nanoTime() - 4 * KNOWN_NANOS;
                calls(1, 2, false);
                Probes.enter(0);
                Probes.exit(0, System.nanoTime() - KNOWN_NANOS, null);
                Probes.exit(0, checkout, null);
            }
        });
        app.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(app.isAlive()).isFalse();
        assertThat(reporter.finish(FINISH_TIMEOUT_NANOS)).isTrue();

        ReportSnapshot last = sink.finals.get(0);
        assertThat(last.callEdges()).extracting(CallEdge::parent, CallEdge::child, CallEdge::calls)
                .containsExactlyInAnyOrder(
                        tuple(null, "checkout", 3L),
                        tuple("checkout", "parse", 6L),
                        tuple("checkout", "checkout", 3L));
        CallStats checkout = last.probes().get(0).total();
        CallStats parse = last.probes().get(1).total();
        CallEdge root = last.callEdges().stream().filter(e -> e.parent() == null).findFirst().orElseThrow();
        CallEdge recursive = last.callEdges().stream().filter(e -> "checkout".equals(e.parent())
                && "checkout".equals(e.child())).findFirst().orElseThrow();
        assertThat(recursive.timeNanos()).as("time of a recursive call is in the outer call's").isZero();
        assertThat(checkout.calls()).isEqualTo(6);
        assertThat(checkout.totalTimeNanos()).isEqualTo(root.timeNanos()).isGreaterThanOrEqualTo(3 * 4 * KNOWN_NANOS);
        assertThat(checkout.selfTimeNanos() + parse.selfTimeNanos())
                .as("every nanosecond is someone's self time once").isEqualTo(checkout.totalTimeNanos());
        assertThat(parse.totalTimeNanos()).isEqualTo(parse.selfTimeNanos()).isGreaterThanOrEqualTo(6 * KNOWN_NANOS);
    }

    @Test
    void finishingWithoutAnyCallPublishesAnEmptyFinalSnapshotOnce() {
        CapturingSink sink = new CapturingSink();
        startReporter(sink);

        assertThat(reporter.finish(FINISH_TIMEOUT_NANOS)).isTrue();
        assertThat(reporter.finish(FINISH_TIMEOUT_NANOS)).isTrue();

        assertThat(sink.finals).singleElement().satisfies(last -> {
            assertThat(last.finalReport()).isTrue();
            assertThat(last.probes()).allSatisfy(p -> {
                assertThat(p.total().calls()).isZero();
                assertThat(p.total().latency()).isEqualTo(LatencySummary.EMPTY);
            });
        });
    }

    @Test
    void snapshotsCarryTheJvmsHealthAndTheAgentsCostAndCalibratingCountsForNoProbe() throws InterruptedException {
        CapturingSink sink = new CapturingSink();
        reporter = new Reporter(PROBES, COVERAGE, List.of(sink), BudgetJudge.NONE, INTERVAL_NANOS, 2, Clock.systemUTC(),
                JvmMonitor.start(PressureThresholds.DEFAULT, 60_000, 2), new OverheadMeter(Double.NaN, null));
        reporter.start();
        Thread app = recording(() -> calls(0, 100, false));
        app.join(TimeUnit.SECONDS.toMillis(10));
        await().atMost(Duration.ofSeconds(30)).until(sink::sawCalls);
        assertThat(reporter.finish(FINISH_TIMEOUT_NANOS)).isTrue();

        ReportSnapshot last = sink.finals.get(0);
        assertThat(last.probes()).extracting(p -> p.total().calls()).containsExactly(100L, 0L, 0L);
        assertThat(last.callEdges()).extracting(CallEdge::child).containsOnly("checkout");
        assertThat(last.jvm().measured()).isTrue();
        assertThat(last.jvm().heapUsedBytes()).isPositive();
        assertThat(last.jvm().liveThreads()).isPositive();
        AgentCost cost = last.agentCost();
        assertThat(cost.probeCallNanos()).isPositive();
        assertThat(cost.probeCallsTotal()).isEqualTo(100);
        assertThat(cost.probeCostNanosTotal()).isEqualTo(100 * cost.probeCallNanos());
        assertThat(cost.reporterCpuNanosTotal()).as("the calibration alone takes CPU").isPositive();
        assertThat(cost.retainedBytes()).as("at least the probes' histograms")
                .isGreaterThanOrEqualTo(6 * new Histogram(2).getEstimatedFootprintInBytes());
    }

    @Test
    void finishReturnsFalseWhenTheFinalSnapshotIsNotPublishedInTime() {
        reporter = new Reporter(PROBES, COVERAGE, List.of(), INTERVAL_NANOS, 2, Clock.systemUTC());

        // Never started, so nothing can publish the final snapshot.
        assertThat(reporter.finish(TimeUnit.MILLISECONDS.toNanos(1))).isFalse();
        reporter = null;
    }

    /** Takes at least {@code nanos} to deliver each snapshot, measured by spinning on the clock. */
    static final class SlowSink extends CapturingSink {
        static final long NANOS = TimeUnit.MILLISECONDS.toNanos(5);

        @Override
        public void onInterval(ReportSnapshot snapshot) {
            super.onInterval(snapshot);
            long start = System.nanoTime();
            while (System.nanoTime() - start < NANOS) {
                Thread.onSpinWait();
            }
        }
    }

    /** Slower than the reporter's interval at every interval: each report overruns it. */
    static final class OverrunningSink extends CapturingSink {
        static final long NANOS = 2 * INTERVAL_NANOS;

        @Override
        public void onInterval(ReportSnapshot snapshot) {
            super.onInterval(snapshot);
            long start = System.nanoTime();
            while (System.nanoTime() - start < NANOS) {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * What the agent logs while a test runs. SLF4J's simple logger writes to whatever {@code System.err}
     * is when it logs, from any thread, so a test that swaps it in before starting the reporter and
     * restores it after {@link Reporter#finish} sees every line the reporter logged.
     */
    static final class CapturedLog implements AutoCloseable {
        private final PrintStream original = System.err;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        CapturedLog() {
            System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        }

        long linesContaining(String text) {
            return buffer.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains(text)).count();
        }

        @Override
        public void close() {
            System.setErr(original);
            System.err.print(buffer.toString(StandardCharsets.UTF_8));
        }
    }

    /** Runs the calls on a thread of their own, as an application would, and waits for them. */
    private static void recorded(Runnable calls) throws InterruptedException {
        Thread thread = recording(calls);
        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(thread.isAlive()).isFalse();
    }

    private static long totalCalls(ReportSnapshot snapshot, int probeId) {
        return snapshot.probes().get(probeId).total().calls();
    }

    @Test
    void failuresOfTheAgentsOwnWorkAreCountedInTheHealthOfLaterSnapshots() throws InterruptedException {
        BrokenSink broken = new BrokenSink();
        CapturingSink sink = new CapturingSink();
        try (CapturedLog log = new CapturedLog()) {
            startReporter(broken, sink);
            recorded(() -> calls(0, 100, false));
            await().atMost(Duration.ofSeconds(10)).until(() -> broken.intervals.get() >= 5);
            recorded(() -> calls(0, 50, false));
            assertThat(reporter.finish(FINISH_TIMEOUT_NANOS)).isTrue();

            // The broken sink runs before the capturing one: each snapshot counts the failures up to the one before.
            ReportSnapshot last = sink.finals.get(0);
            assertThat(last.health().failures()).isEqualTo(broken.intervals.get());
            assertThat(sink.intervals.get(0).health().failures()).isZero();
            assertThat(last.health().intervalOverruns()).isZero();
            assertThat(totalCalls(last, 0)).as("calls before and after the sink broke").isEqualTo(150);
            assertThat(broken.finals.get()).isEqualTo(1);
            // Failed at every interval and at the final report, logged once: the message and one stack trace.
            assertThat(log.linesContaining("sink broken failed")).isEqualTo(1);
            assertThat(log.linesContaining("broken sink (expected in this test)")).isEqualTo(1);
        }
    }

    @Test
    void failuresOfTheProbeRuntimeInsideProbedMethodsAreCountedToo() throws InterruptedException {
        CapturingSink sink = new CapturingSink();
        try (CapturedLog log = new CapturedLog()) {
            startReporter(sink);
            recorded(() -> calls(0, 40, false));
            recorded(() -> faults(500));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> sink.intervals.stream().anyMatch(s -> s.health().failures() == 500));
            recorded(() -> faults(500));
            recorded(() -> calls(0, 60, false));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> sink.intervals.stream().anyMatch(s -> s.health().failures() == 1_000));
            assertThat(reporter.finish(FINISH_TIMEOUT_NANOS)).isTrue();

            ReportSnapshot last = sink.finals.get(0);
            assertThat(last.health().failures()).isEqualTo(1_000);
            assertThat(totalCalls(last, 0)).as("calls before and after the faults").isEqualTo(100);
            // Reported in at least two intervals, each with more faults than the one before; logged once.
            assertThat(log.linesContaining("the probe runtime failed inside a probed method")).isEqualTo(1);
            assertThat(log.linesContaining(ArrayIndexOutOfBoundsException.class.getName())).isEqualTo(1);
        }
    }

    /** Failures inside the probe runtime, provoked with a probe id it cannot index. */
    private static void faults(int count) {
        for (int i = 0; i < count; i++) {
            Probes.exitUntimed(-1, null);
        }
    }

    @Test
    void reportsSlowerThanTheIntervalAreCountedAsOverruns() throws InterruptedException {
        OverrunningSink slow = new OverrunningSink();
        try (CapturedLog log = new CapturedLog()) {
            startReporter(slow);
            recorded(() -> calls(0, 30, false));
            await().atMost(Duration.ofSeconds(10)).until(() -> slow.intervals.size() >= 5);
            recorded(() -> calls(0, 20, false));
            assertThat(reporter.finish(FINISH_TIMEOUT_NANOS)).isTrue();

            ReportSnapshot last = slow.finals.get(0);
            assertThat(last.health().intervalOverruns()).isEqualTo(slow.intervals.size());
            assertThat(slow.intervals.get(0).health().intervalOverruns()).isZero();
            assertThat(last.health().failures()).isZero();
            assertThat(totalCalls(last, 0)).as("calls before and after the overruns").isEqualTo(50);
            assertThat(log.linesContaining("longer than reporter.interval")).isEqualTo(1);
        }
    }

    @Test
    void eachSnapshotCarriesTheReportersHealth() throws InterruptedException {
        int previousCapacity = ProbeRings.maxCapacity();
        ProbeRings.setMaxCapacity(64);
        try {
            SlowSink sink = new SlowSink();
            startReporter(sink);
            CountDownLatch done = new CountDownLatch(1);
            // Stays alive, so that its ring stays registered until the end.
            Thread app = recording(() -> {
                calls(0, 64, false);
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.intervals.size() >= 3 && sink.sawCalls());
            assertThat(reporter.finish(FINISH_TIMEOUT_NANOS)).isTrue();
            done.countDown();
            app.join(TimeUnit.SECONDS.toMillis(10));

            List<ReportSnapshot> all = new ArrayList<>(sink.intervals);
            all.addAll(sink.finals);
            assertThat(all.get(0).health().previousReportNanos()).as("nothing delivered before the first").isZero();
            assertThat(all.subList(1, all.size())).allSatisfy(s -> assertThat(s.health().previousReportNanos())
                    .as("building and delivering includes the slow sink").isGreaterThanOrEqualTo(SlowSink.NANOS));
            assertThat(all).anySatisfy(s -> assertThat(s.health().highestRingFill()).isPositive().isLessThanOrEqualTo(1.0));
            assertThat(all).anySatisfy(s -> assertThat(s.health().rings()).isPositive());
        } finally {
            ProbeRings.setMaxCapacity(previousCapacity);
        }
    }

    @Test
    void latencySoFarIncludesEveryCallMadeBeforeTheRequestAndHandsOutCopies() throws Exception {
        // An interval far longer than the test: the calls are in the open interval, not yet in a snapshot.
        reporter = new Reporter(PROBES, COVERAGE, List.of(), TimeUnit.HOURS.toNanos(1), 2, Clock.systemUTC());
        reporter.start();

        calls(0, 50, false);
        Map<String, Histogram> first = reporter.latencySoFar(FINISH_TIMEOUT_NANOS);
        assertThat(first).containsOnlyKeys("checkout", "parse", "idle");
        assertThat(first.get("checkout").getTotalCount()).isEqualTo(50);
        assertThat(first.get("checkout").getMinValue()).isGreaterThanOrEqualTo(KNOWN_NANOS);
        assertThat(first.get("parse").getTotalCount()).isZero();

        Thread other = recording(() -> calls(1, 30, false));
        other.join();
        calls(0, 20, true);
        Map<String, Histogram> second = reporter.latencySoFar(FINISH_TIMEOUT_NANOS);
        assertThat(second.get("checkout").getTotalCount()).isEqualTo(70);
        assertThat(second.get("parse").getTotalCount()).isEqualTo(30);
        assertThat(first.get("checkout").getTotalCount()).as("the first answer is a copy").isEqualTo(50);
    }

    @Test
    void latencySoFarAfterTheReporterFinishedFailsInsteadOfWaiting() {
        startReporter();
        assertThat(reporter.finish(FINISH_TIMEOUT_NANOS)).isTrue();
        assertThatThrownBy(() -> reporter.latencySoFar(FINISH_TIMEOUT_NANOS)).isInstanceOf(TimeoutException.class);
    }

    @Test
    void everySnapshotCarriesTheBudgetJudgedForItsIntervalAndAFailingJudgeCostsOnlyTheStatus() throws InterruptedException {
        BudgetStatus judged = new BudgetStatus(List.of(new BudgetStatus.Limit(BudgetMetric.P99, 1e6, true)), List.of(),
                List.of(), List.of(), List.of());
        List<String> seen = new CopyOnWriteArrayList<>();
        BudgetJudge judge = (probe, interval, latency, allocation, start, end) -> {
            seen.add(probe.name() + ":" + interval.calls() + ":" + latency.getTotalCount() + ":" + (allocation != null));
            if (probe.id() == 2) {
                throw new IllegalStateException("expected in this test");
            }
            return judged;
        };
        CapturingSink sink = new CapturingSink();
        reporter = new Reporter(PROBES, COVERAGE, List.of(sink), judge, TimeUnit.HOURS.toNanos(1), 2, Clock.systemUTC(),
                null, null);
        reporter.start();
        Thread app = recording(() -> {
            calls(0, 40, false);
            allocatingCalls(1, 10);
        });
        app.join();

        assertThat(reporter.finish(FINISH_TIMEOUT_NANOS)).isTrue();

        ReportSnapshot last = sink.finals.get(0);
        assertThat(last.probes().get(0).budget()).isSameAs(judged);
        assertThat(last.probes().get(1).budget()).isSameAs(judged);
        assertThat(last.probes().get(2).budget()).isSameAs(BudgetStatus.NONE);
        assertThat(seen).containsExactly("checkout:40:40:false", "parse:10:10:true", "idle:0:0:false");
    }

    @Test
    void recordsOfTheCalibrationIdDoNotMakeTheReporterScanEveryProbePerRecord() throws InterruptedException {
        AtomicLong activeChecks = new AtomicLong();
        ProbeCoverage counting = new ProbeCoverage() {
            @Override
            public List<String> methods(int probeId) {
                return List.of();
            }

            @Override
            public int matchedClasses(int probeId) {
                return 0;
            }

            @Override
            public boolean isActive(int probeId) {
                activeChecks.incrementAndGet();
                return true;
            }
        };
        int id = ProbeRings.CALIBRATION_PROBE_ID;
        ProbeRings.resetDropped(id);
        reporter = new Reporter(PROBES, counting, List.of(), TimeUnit.HOURS.toNanos(1), 2, Clock.systemUTC());
        reporter.start();
        int calls = 200_000;
        Thread app = recording(() -> {
            for (int i = 0; i < calls; i++) {
                Probes.enter(id);
                Probes.exit(id, System.nanoTime(), null);
            }
        });
        app.join();
        assertThat(reporter.finish(FINISH_TIMEOUT_NANOS)).isTrue();

        long drained = calls - ProbeRings.dropped(id, ProbeRing.OUTCOME_RETURNED);
        ProbeRings.resetDropped(id); // the counters are the JVM's: other tests of the calibration id count drops too
        assertThat(drained).as("records of the calibration id the reporter drained").isGreaterThan(1_000);
        assertThat(activeChecks.get()).as("probe activity checked per snapshot, not per record")
                .isLessThanOrEqualTo(PROBES.size());
    }
}
