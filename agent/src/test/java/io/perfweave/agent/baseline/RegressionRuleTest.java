package io.perfweave.agent.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The decision rule on synthetic histograms: equal, shifted, noisy, too small. */
class RegressionRuleTest {

    private static final RegressionRule RULE = RegressionRule.DEFAULT;

    /** n samples of a log-normal latency around {@code medianNanos}, each passed through {@code shape}. */
    static Histogram latencies(long seed, int n, double medianNanos, double sigma, DoubleUnaryOperator shape) {
        SplittableRandom random = new SplittableRandom(seed);
        Histogram histogram = new Histogram(2);
        for (int i = 0; i < n; i++) {
            double u1 = 1 - random.nextDouble();
            double u2 = random.nextDouble();
            double normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            histogram.recordValue(Math.max(1, Math.round(shape.applyAsDouble(medianNanos * Math.exp(sigma * normal)))));
        }
        return histogram;
    }

    static Histogram latencies(long seed, int n, double medianNanos) {
        return latencies(seed, n, medianNanos, 0.3, v -> v);
    }

    @Test
    void theSameHistogramIsUnchanged() {
        Histogram h = latencies(1, 50_000, 20_000);

        ProbeComparison result = RULE.judge("price", h, h);

        assertThat(result.status()).isEqualTo(RegressionStatus.UNCHANGED);
        assertThat(result.metrics()).extracting(MetricComparison::metric).containsExactly("p50", "p99");
        assertThat(result.metrics()).allSatisfy(m -> {
            assertThat(m.status()).isEqualTo(RegressionStatus.UNCHANGED);
            assertThat(m.change()).isZero();
            assertThat(m.changeLow()).isNegative();
            assertThat(m.changeHigh()).isPositive();
        });
    }

    @Test
    void aFortyPercentSlowdownRegressesWithItsNumbers() {
        Histogram base = latencies(1, 50_000, 20_000);
        Histogram slower = latencies(2, 50_000, 28_000);

        ProbeComparison result = RULE.judge("price", base, slower);

        assertThat(result.status()).isEqualTo(RegressionStatus.REGRESSED);
        MetricComparison p50 = result.metrics().get(0);
        assertThat(p50.status()).isEqualTo(RegressionStatus.REGRESSED);
        assertThat(p50.change()).isBetween(0.35, 0.45);
        assertThat(p50.changeLow()).isPositive().isLessThanOrEqualTo(p50.change());
        assertThat(p50.baselineValue()).isBetween(19_000L, 21_000L);
        assertThat(p50.currentValue()).isBetween(27_000L, 29_500L);
        assertThat(ComparisonText.describe(result)).startsWith("price regressed: p50 ")
                .contains("us -> ").contains("(+").contains("at least +").contains("tolerance p50 20%, p99 100%, at least 1.00us");
    }

    @Test
    void aFortyPercentSpeedUpIsAnImprovement() {
        ProbeComparison result = RULE.judge("price", latencies(1, 50_000, 20_000), latencies(2, 50_000, 12_000));

        assertThat(result.status()).isEqualTo(RegressionStatus.IMPROVED);
        assertThat(result.metrics().get(0).changeHigh()).isNegative();
    }

    @Test
    void aShiftWithinTheToleranceIsUnchangedEvenWhenCertain() {
        ProbeComparison result = RULE.judge("price", latencies(1, 200_000, 20_000), latencies(2, 200_000, 22_000));

        MetricComparison p50 = result.metrics().get(0);
        assertThat(p50.changeLow()).as("10% slower, and statistically certain").isPositive();
        assertThat(result.status()).isEqualTo(RegressionStatus.UNCHANGED);
    }

    @Test
    void aSlowerTailAloneRegressesOnP99() {
        Histogram base = latencies(1, 50_000, 20_000);
        // Only the slowest 3% of calls get 2.5 times slower: the median stays, the p99 moves.
        Histogram tail = latencies(2, 50_000, 20_000, 0.3, v -> v > 20_000 * Math.exp(0.3 * 1.88) ? v * 2.5 : v);

        ProbeComparison result = RULE.judge("price", base, tail);

        assertThat(result.status()).isEqualTo(RegressionStatus.REGRESSED);
        assertThat(result.metrics().get(0).status()).isEqualTo(RegressionStatus.UNCHANGED);
        assertThat(result.metrics().get(1).status()).isEqualTo(RegressionStatus.REGRESSED);
        assertThat(result.metricsWithStatus(RegressionStatus.REGRESSED)).extracting(MetricComparison::metric)
                .containsExactly("p99");
    }

    /**
     * The noise test at work: small runs of the same workload often differ at p99 by more than the
     * tolerance, by chance alone; the confidence intervals keep them from being flagged.
     */
    @Test
    void noisySmallRunsOfTheSameWorkloadAreNotFlagged() {
        // The same tolerance for p99 as for p50 and no noise floor: only the sampling test stands guard.
        RegressionRule rule = new RegressionRule(0.2, 0.2, 0, 1_000);
        int pairs = 200;
        int beyondTolerance = 0;
        int flagged = 0;
        for (int i = 0; i < pairs; i++) {
            // A heavy tail (sigma 1): p99 is 10x the median and estimated from a handful of calls.
            Histogram a = latencies(1_000 + i, 2_000, 20_000, 1.0, v -> v);
            Histogram b = latencies(5_000 + i, 2_000, 20_000, 1.0, v -> v);
            ProbeComparison result = rule.judge("noisy", a, b);
            if (Math.abs(result.metrics().get(1).change()) > rule.tailTolerance()) {
                beyondTolerance++;
            }
            if (result.status() != RegressionStatus.UNCHANGED) {
                flagged++;
            }
        }
        assertThat(beyondTolerance).as("pairs whose p99 differs by more than 20% by chance").isGreaterThan(10);
        assertThat(flagged).isZero();
    }

    @Test
    void aRealSlowdownIsFoundInTheSameNoisySmallRuns() {
        int flagged = 0;
        for (int i = 0; i < 50; i++) {
            Histogram a = latencies(1_000 + i, 2_000, 20_000, 1.0, v -> v);
            Histogram b = latencies(5_000 + i, 2_000, 20_000, 1.0, v -> v * 1.5);
            if (RULE.judge("noisy", a, b).status() == RegressionStatus.REGRESSED) {
                flagged++;
            }
        }
        assertThat(flagged).as("a 50% slowdown caught on the median in each of 50 pairs").isEqualTo(50);
    }

    @Test
    void tooFewSamplesOnEitherSideIsInsufficientData() {
        Histogram plenty = latencies(1, 50_000, 20_000);
        Histogram few = latencies(2, 999, 40_000);

        ProbeComparison current = RULE.judge("rare", plenty, few);
        ProbeComparison base = RULE.judge("rare", few, plenty);

        assertThat(current.status()).isEqualTo(RegressionStatus.INSUFFICIENT_DATA);
        assertThat(current.reason()).isEqualTo("this run has 999 timed call(s), fewer than minSamples (1000)");
        assertThat(base.status()).isEqualTo(RegressionStatus.INSUFFICIENT_DATA);
        assertThat(base.reason()).startsWith("the baseline has 999 timed call(s)");
        assertThat(RULE.judge("empty", plenty, new Histogram(2)).status()).isEqualTo(RegressionStatus.INSUFFICIENT_DATA);
    }

    @Test
    void p99NeedsEnoughCallsBeyondItWhileP50IsAlreadyJudged() {
        long needed = RegressionRule.samplesNeeded(0.99);
        assertThat(needed).isBetween(1_200L, 1_350L);

        ProbeComparison result = RULE.judge("few", latencies(1, 1_100, 20_000), latencies(2, 1_100, 40_000));

        assertThat(result.status()).isEqualTo(RegressionStatus.REGRESSED);
        assertThat(result.metrics().get(0).status()).isEqualTo(RegressionStatus.REGRESSED);
        assertThat(result.metrics().get(1).status()).isEqualTo(RegressionStatus.INSUFFICIENT_DATA);
        assertThat(result.metrics().get(1).reason()).contains("too few to bound p99");
    }

    @Test
    void aLowerMinSamplesOrAWiderToleranceChangesTheVerdict() {
        Histogram base = latencies(1, 600, 20_000);
        Histogram slower = latencies(2, 600, 30_000);
        RegressionRules rules = new RegressionRules(RULE, java.util.Map.of("relaxed", new RegressionRule(0.2, 1, 1_000, 500),
                "lenient", new RegressionRule(0.8, 1, 1_000, 500)));

        assertThat(rules.forProbe("other").judge("other", base, slower).status())
                .isEqualTo(RegressionStatus.INSUFFICIENT_DATA);
        assertThat(rules.forProbe("relaxed").judge("relaxed", base, slower).status())
                .isEqualTo(RegressionStatus.REGRESSED);
        assertThat(rules.forProbe("lenient").judge("lenient", base, slower).status())
                .isEqualTo(RegressionStatus.UNCHANGED);
    }

    @Test
    void p99HasItsOwnWiderTolerance() {
        Histogram base = latencies(1, 50_000, 20_000);
        // The slowest 3% get 60% slower: beyond 20%, within the default tail tolerance of 100%.
        Histogram tail = latencies(2, 50_000, 20_000, 0.3, v -> v > 20_000 * Math.exp(0.3 * 1.88) ? v * 1.6 : v);

        assertThat(RULE.judge("tail", base, tail).status()).isEqualTo(RegressionStatus.UNCHANGED);
        assertThat(new RegressionRule(0.2, 0.4, 1_000, 1_000).judge("tail", base, tail).status())
                .isEqualTo(RegressionStatus.REGRESSED);
        assertThat(RULE.toleranceOf(50)).isEqualTo(0.2);
        assertThat(RULE.toleranceOf(99)).isEqualTo(1.0);
    }

    @Test
    void changesBelowTheNoiseFloorAreUnchangedHoweverLargeRelatively() {
        // A 400 ns method measured 30% slower: 120 ns, below the default floor of 1 us.
        Histogram base = latencies(1, 100_000, 400);
        Histogram slower = latencies(2, 100_000, 520);

        ProbeComparison result = RULE.judge("tiny", base, slower);

        assertThat(result.metrics().get(0).change()).isGreaterThan(0.25);
        assertThat(result.metrics().get(0).changeLow()).isPositive();
        assertThat(result.status()).isEqualTo(RegressionStatus.UNCHANGED);
        assertThat(new RegressionRule(0.2, 1, 50, 1_000).judge("tiny", base, slower).status())
                .isEqualTo(RegressionStatus.REGRESSED);
        assertThat(new RegressionRule(0.2, 1, 50, 1_000).judge("tiny", slower, base).status())
                .isEqualTo(RegressionStatus.IMPROVED);
    }

    @Test
    void confidenceRanksBracketTheQuantile() {
        long[] ranks = RegressionRule.ranks(10_000, 0.5);
        assertThat(ranks[0]).isBetween(4_830L, 4_840L);
        assertThat(ranks[1]).isBetween(5_160L, 5_170L);
        assertThat(RegressionRule.ranks(100, 0.99)).isNull();
    }

    @Test
    void valueAtRankReadsTheSortedSamples() {
        Histogram h = new Histogram(3);
        for (int v = 1; v <= 100; v++) {
            h.recordValue(v * 10L);
        }
        assertThat(RegressionRule.valueAtRank(h, 1)).isEqualTo(10);
        assertThat(RegressionRule.valueAtRank(h, 37)).isEqualTo(370);
        assertThat(RegressionRule.valueAtRank(h, 100)).isEqualTo(1000);
    }

    @Test
    void badRulesAreRefused() {
        assertThatThrownBy(() -> new RegressionRule(0, 1, 0, 10)).hasMessageContaining("tolerance");
        assertThatThrownBy(() -> new RegressionRule(0.2, 11, 0, 10)).hasMessageContaining("tailTolerance");
        assertThatThrownBy(() -> new RegressionRule(0.2, 1, -1, 10)).hasMessageContaining("minChange");
        assertThatThrownBy(() -> new RegressionRule(0.2, 1, 0, 0)).hasMessageContaining("minSamples");
    }

    // Self time: only the method that got slower is flagged, not its probed callers.

    private static ProbeHistograms timed(Histogram latency, Histogram selfTime) {
        return new ProbeHistograms(latency, selfTime, null);
    }

    @Test
    void aCallerSlowerOnlyThroughItsCalleeIsUnchangedWithANote() {
        Histogram ownTime = latencies(1, 20_000, 5_000);
        ProbeHistograms before = timed(latencies(2, 20_000, 20_000), ownTime);
        ProbeHistograms after = timed(latencies(3, 20_000, 28_000), latencies(4, 20_000, 5_000));

        ProbeComparison result = RULE.judge("handle", List.of(before), after);

        assertThat(result.status()).isEqualTo(RegressionStatus.UNCHANGED);
        assertThat(result.metrics()).extracting(MetricComparison::metric)
                .containsExactly("p50", "p99", "selfTime.p50", "selfTime.p99");
        MetricComparison latencyP50 = result.metrics().get(0);
        assertThat(latencyP50.status()).as("its latency did regress").isEqualTo(RegressionStatus.REGRESSED);
        assertThat(latencyP50.decisive()).isFalse();
        assertThat(result.metrics().get(2).decisive()).isTrue();
        assertThat(result.note()).contains("not its self time");
        assertThat(ComparisonText.describe(result)).contains("p50 20.1us -> 28.0us (+39.5%")
                .contains("regressed [shown only: self time decides]").contains("; its latency regressed, but not");
    }

    @Test
    void aMethodWhoseOwnTimeGrewIsRegressedOnSelfTime() {
        ProbeHistograms before = timed(latencies(2, 20_000, 20_000), latencies(1, 20_000, 5_000));
        ProbeHistograms after = timed(latencies(3, 20_000, 23_000), latencies(4, 20_000, 8_000));

        ProbeComparison result = RULE.judge("handle", List.of(before), after);

        assertThat(result.status()).as("+60% in its own time, +15% in latency").isEqualTo(RegressionStatus.REGRESSED);
        assertThat(result.metricsWithStatus(RegressionStatus.REGRESSED)).extracting(MetricComparison::metric)
                .containsExactly("selfTime.p50");
        assertThat(result.note()).isNull();
    }

    @Test
    void withoutSelfTimeOnBothSidesLatencyDecides() {
        ProbeHistograms oldFile = ProbeHistograms.latencyOnly(latencies(2, 20_000, 20_000));
        ProbeHistograms after = timed(latencies(3, 20_000, 28_000), latencies(4, 20_000, 5_000));

        ProbeComparison result = RULE.judge("handle", List.of(oldFile), after);

        assertThat(result.status()).isEqualTo(RegressionStatus.REGRESSED);
        assertThat(result.metrics()).extracting(MetricComparison::metric).containsExactly("p50", "p99");
    }

    // Allocation per call.

    private static Histogram bytes(int n, long... values) {
        Histogram histogram = new Histogram(2);
        for (int i = 0; i < n; i++) {
            histogram.recordValue(values[i % values.length]);
        }
        return histogram;
    }

    @Test
    void moreBytesPerCallRegressFewerImproveTheSameAreUnchanged() {
        Histogram latency = latencies(1, 5_000, 20_000);
        ProbeHistograms base = new ProbeHistograms(latency, null, bytes(5_000, 1_016, 1_016, 1_016, 2_048));

        ProbeComparison same = RULE.judge("save", List.of(base),
                new ProbeHistograms(latency, null, bytes(5_000, 1_016, 1_016, 1_016, 2_048)));
        ProbeComparison more = RULE.judge("save", List.of(base),
                new ProbeHistograms(latency, null, bytes(5_000, 1_536, 1_536, 1_536, 2_048)));
        ProbeComparison fewer = RULE.judge("save", List.of(base),
                new ProbeHistograms(latency, null, bytes(5_000, 24, 24, 24, 2_048)));

        assertThat(same.status()).isEqualTo(RegressionStatus.UNCHANGED);
        assertThat(same.metrics()).extracting(MetricComparison::metric)
                .containsExactly("p50", "p99", "allocation.p50", "allocation.p99");
        assertThat(more.status()).isEqualTo(RegressionStatus.REGRESSED);
        assertThat(more.metricsWithStatus(RegressionStatus.REGRESSED)).extracting(MetricComparison::metric)
                .containsExactly("allocation.p50");
        assertThat(ComparisonText.describe(more)).contains("allocation.p50 1019B -> 1.51KiB (+51.4%");
        assertThat(fewer.status()).isEqualTo(RegressionStatus.IMPROVED);
    }

    @Test
    void allocationIsJudgedOnlyWhereBothSidesMeasureIt() {
        Histogram latency = latencies(1, 5_000, 20_000);
        ProbeComparison result = RULE.judge("save", List.of(ProbeHistograms.latencyOnly(latency)),
                new ProbeHistograms(latency, null, bytes(5_000, 1_016)));

        assertThat(result.metrics()).extracting(MetricComparison::metric).containsExactly("p50", "p99");
    }

    // Baselines of several runs: judged against their spread.

    /** One run of a method that runs at 16 us or at 25 us for a whole run, as a JIT decision may make it. */
    private static Histogram bimodalRun(long seed, boolean slowMode, double factor) {
        return latencies(seed, 5_000, (slowMode ? 25_000 : 16_000) * factor, 0.05, v -> v);
    }

    @Test
    void aRunWithinTheSpreadOfTheBaselineRunsIsUnchangedAndTheRangeIsShown() {
        List<ProbeHistograms> runs = List.of(ProbeHistograms.latencyOnly(bimodalRun(1, false, 1)),
                ProbeHistograms.latencyOnly(bimodalRun(2, true, 1)), ProbeHistograms.latencyOnly(bimodalRun(3, false, 1)));

        ProbeComparison slowMode = RULE.judge("price", runs, ProbeHistograms.latencyOnly(bimodalRun(4, true, 1)));
        ProbeComparison oneRun = RULE.judge("price", List.of(runs.get(0)),
                ProbeHistograms.latencyOnly(bimodalRun(4, true, 1)));

        assertThat(oneRun.status()).as("against the fast run alone it is a regression").isEqualTo(RegressionStatus.REGRESSED);
        assertThat(slowMode.status()).isEqualTo(RegressionStatus.UNCHANGED);
        assertThat(slowMode.baselineRuns()).isEqualTo(3);
        MetricComparison p50 = slowMode.metrics().get(0);
        assertThat(p50.baselineLowest()).isBetween(15_500L, 16_500L);
        assertThat(p50.baselineHighest()).isBetween(24_500L, 25_500L);
        assertThat(p50.baselineValue()).as("the closest run").isEqualTo(p50.baselineHighest());
        assertThat(ComparisonText.describe(slowMode)).containsPattern("p50 1\\d\\.\\dus\\.\\.2\\d\\.\\dus -> 2")
                .contains(" in 3 baseline runs -> ");
    }

    @Test
    void aRegressionBeyondTheSlowestRunIsFlaggedAndAnImprovementBeyondTheFastest() {
        List<ProbeHistograms> runs = List.of(ProbeHistograms.latencyOnly(bimodalRun(1, false, 1)),
                ProbeHistograms.latencyOnly(bimodalRun(2, true, 1)));

        ProbeComparison slower = RULE.judge("price", runs, ProbeHistograms.latencyOnly(bimodalRun(3, true, 1.4)));
        ProbeComparison faster = RULE.judge("price", runs, ProbeHistograms.latencyOnly(bimodalRun(4, false, 0.6)));

        assertThat(slower.status()).isEqualTo(RegressionStatus.REGRESSED);
        assertThat(slower.metrics().get(0).change()).as("against the slowest run").isBetween(0.35, 0.45);
        assertThat(faster.status()).isEqualTo(RegressionStatus.IMPROVED);
        assertThat(faster.metrics().get(0).change()).as("against the fastest run").isBetween(-0.45, -0.35);
    }

    @Test
    void tooFewCallsInAnyBaselineRunIsInsufficientData() {
        List<ProbeHistograms> runs = List.of(ProbeHistograms.latencyOnly(bimodalRun(1, false, 1)),
                ProbeHistograms.latencyOnly(latencies(2, 500, 16_000)));

        ProbeComparison result = RULE.judge("price", runs, ProbeHistograms.latencyOnly(bimodalRun(3, true, 1.5)));

        assertThat(result.status()).isEqualTo(RegressionStatus.INSUFFICIENT_DATA);
        assertThat(result.reason()).contains("the baseline has 500 timed call(s), fewer than minSamples (1000)");
    }

    /**
     * The false-alarm rate against a bimodal method, one-run baseline against a baseline of five runs:
     * each run is in the slow mode with probability one half, as the sample app's pricing was.
     */
    @Test
    void aMergedBaselineOfFiveRunsRarelyFlagsABimodalMethodWhereOneRunOftenDoes() {
        SplittableRandom modes = new SplittableRandom(42);
        int trials = 100;
        int oneRunFlags = 0;
        int fiveRunFlags = 0;
        for (int t = 0; t < trials; t++) {
            List<ProbeHistograms> runs = new java.util.ArrayList<>();
            for (int r = 0; r < 5; r++) {
                runs.add(ProbeHistograms.latencyOnly(bimodalRun(t * 10L + r, modes.nextBoolean(), 1)));
            }
            ProbeHistograms current = ProbeHistograms.latencyOnly(bimodalRun(t * 10L + 9, modes.nextBoolean(), 1));
            if (RULE.judge("price", List.of(runs.get(0)), current).status() == RegressionStatus.REGRESSED) {
                oneRunFlags++;
            }
            if (RULE.judge("price", runs, current).status() == RegressionStatus.REGRESSED) {
                fiveRunFlags++;
            }
        }
        // Expected: one run 1/4 of the trials (fast baseline, slow current); five runs 1/64 (all five fast).
        assertThat(oneRunFlags).isBetween(12, 40);
        assertThat(fiveRunFlags).isLessThan(6);
    }
}
