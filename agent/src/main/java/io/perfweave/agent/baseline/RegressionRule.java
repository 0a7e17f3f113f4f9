package io.perfweave.agent.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Decides whether a probe regressed, from its latency histogram in the baseline and now.
 *
 * <p>Two percentiles are compared, p50 and p99. A percentile <em>regressed</em> when all three hold:
 * <ol>
 *   <li>it is worse than the baseline's by more than its tolerance: {@code tolerance} for p50,
 *       {@code tailTolerance} for p99 (the size test);</li>
 *   <li>it is worse by at least {@code minChangeNanos} (the noise floor: between two JVM runs the
 *       median of a sub-microsecond method moves by a few hundred nanoseconds with JIT decisions and
 *       caches, far more than 20%);</li>
 *   <li>the slowdown is statistically confirmed: the lower bound of the current percentile's
 *       confidence interval lies above the upper bound of the baseline's (the sampling test: a tail
 *       percentile estimated from a few hundred calls can move by far more than the tolerance by
 *       chance alone).</li>
 * </ol>
 * <em>Improved</em> is the mirror image. The p99 has its own, wider tolerance because run-to-run
 * noise in the tail is mostly not sampling noise but the machine: a thread preempted in the middle of
 * a call, a sleep that oversleeps under load. {@code docs/baselines.md} has the measurements.
 *
 * <p>The confidence intervals are distribution-free: for {@code n} samples the rank of the sample
 * {@code q}-quantile is binomial, so the ranks {@code nq ± z·sqrt(nq(1-q))} (plus one for the upper
 * bound) bracket the true quantile with confidence {@value #CONFIDENCE} each; with both sides at that
 * confidence the combined test is conservative. The values at those ranks are read straight from the
 * histograms: one pass over the recorded buckets, no resampling.
 *
 * <p>A percentile is judged only when both sides have at least {@code minSamples} timed calls and
 * enough calls beyond the percentile for its interval to stay inside the data (p99 needs about
 * 1,300); otherwise it is {@code insufficient-data}. The probe's status is {@code regressed} if any
 * percentile regressed, else {@code improved} if any improved, else {@code unchanged} if any was
 * judged, else {@code insufficient-data}.
 *
 * @param tolerance      the relative change p50 must exceed, {@code 0.2} for 20%
 * @param tailTolerance  the relative change p99 must exceed
 * @param minChangeNanos the absolute change, in nanoseconds, a percentile must reach
 * @param minSamples     the fewest timed calls on each side for any judgement
 */
public record RegressionRule(double tolerance, double tailTolerance, long minChangeNanos, long minSamples) {

    public static final double DEFAULT_TOLERANCE = 0.20;
    public static final double DEFAULT_TAIL_TOLERANCE = 1.00;
    public static final long DEFAULT_MIN_CHANGE_NANOS = 1_000;
    public static final long DEFAULT_MIN_SAMPLES = 1_000;
    public static final RegressionRule DEFAULT = new RegressionRule(DEFAULT_TOLERANCE, DEFAULT_TAIL_TOLERANCE,
            DEFAULT_MIN_CHANGE_NANOS, DEFAULT_MIN_SAMPLES);

    /** Confidence of each side's percentile interval. */
    public static final double CONFIDENCE = 0.999;
    /** The standard normal quantile for a two-sided {@value #CONFIDENCE} interval. */
    static final double Z = 3.2905;
    /** The compared percentiles. */
    static final double[] PERCENTILES = {50, 99};

    public RegressionRule {
        checkTolerance("tolerance", tolerance);
        checkTolerance("tailTolerance", tailTolerance);
        if (minChangeNanos < 0) {
            throw new IllegalArgumentException("minChange must be at least 0, not " + minChangeNanos);
        }
        if (minSamples < 1) {
            throw new IllegalArgumentException("minSamples must be at least 1, not " + minSamples);
        }
    }

    private static void checkTolerance(String name, double value) {
        if (!(value > 0) || value > 10) {
            throw new IllegalArgumentException(name + " must be above 0% and at most 1000%, not " + value);
        }
    }

    /** The tolerance of one percentile: {@code tailTolerance} from p90 up, {@code tolerance} below. */
    public double toleranceOf(double percentile) {
        return percentile >= 90 ? tailTolerance : tolerance;
    }

    /** Judges one probe on latency alone, against a baseline of one run. Neither histogram is modified. */
    public ProbeComparison judge(String name, AbstractHistogram baseline, AbstractHistogram current) {
        return judge(name, List.of(ProbeHistograms.latencyOnly(baseline)), ProbeHistograms.latencyOnly(current));
    }

    /**
     * Judges one probe against a baseline of one or more runs. Nothing is modified.
     *
     * <p>Time is judged on self time when both sides have it (the probe has probed callees), so that
     * a slower method is flagged and its probed callers are not: their latency is still compared and
     * shown, and a latency regression that their own time does not explain becomes a note. Allocation
     * is judged where both sides measure it.
     *
     * @param baselineRuns the probe's histograms in each run of the baseline, at least one
     */
    public ProbeComparison judge(String name, List<ProbeHistograms> baselineRuns, ProbeHistograms current) {
        long nBase = baselineRuns.stream().mapToLong(run -> run.latency().getTotalCount()).sum();
        long nCurrent = current.latency().getTotalCount();
        boolean selfTime = current.selfTime() != null && baselineRuns.stream().allMatch(run -> run.selfTime() != null);
        boolean allocation = current.allocation() != null
                && baselineRuns.stream().allMatch(run -> run.allocation() != null);
        List<MetricComparison> metrics = new ArrayList<>();
        for (double percentile : PERCENTILES) {
            MetricComparison latency = judgeRuns(Measure.LATENCY, percentile,
                    baselineRuns.stream().map(ProbeHistograms::latency).toList(), current.latency());
            metrics.add(selfTime ? latency.informative() : latency);
        }
        if (selfTime) {
            for (double percentile : PERCENTILES) {
                metrics.add(judgeRuns(Measure.SELF_TIME, percentile,
                        baselineRuns.stream().map(ProbeHistograms::selfTime).toList(), current.selfTime()));
            }
        }
        if (allocation) {
            for (double percentile : PERCENTILES) {
                metrics.add(judgeRuns(Measure.ALLOCATION, percentile,
                        baselineRuns.stream().map(ProbeHistograms::allocation).toList(), current.allocation()));
            }
        }
        List<MetricComparison> decisive = metrics.stream().filter(MetricComparison::decisive).toList();
        RegressionStatus status = overall(decisive);
        String reason = status == RegressionStatus.INSUFFICIENT_DATA ? decisive.get(0).reason() : null;
        String note = null;
        if (selfTime && status != RegressionStatus.REGRESSED
                && metrics.stream().anyMatch(m -> !m.decisive() && m.status() == RegressionStatus.REGRESSED)) {
            note = "its latency regressed, but not its self time: the time went into the probed methods it calls";
        }
        return new ProbeComparison(name, status, nBase, nCurrent, baselineRuns.size(), this, List.copyOf(metrics),
                reason, note);
    }

    /** A probe present on one side only. */
    public ProbeComparison missing(String name, long baselineSamples, long currentSamples, String reason) {
        return new ProbeComparison(name, RegressionStatus.INSUFFICIENT_DATA, baselineSamples, currentSamples, 1, this,
                List.of(), reason, null);
    }

    /**
     * One percentile against every baseline run: regressed only if it regressed against each of them,
     * that is beyond the slowest run by the tolerance, confirmed; improved likewise beyond the fastest.
     * The figures shown are those against the run closest to the current value.
     */
    private MetricComparison judgeRuns(Measure measure, double percentile, List<AbstractHistogram> baselineRuns,
                                       AbstractHistogram current) {
        List<MetricComparison> perRun = new ArrayList<>(baselineRuns.size());
        for (AbstractHistogram baseline : baselineRuns) {
            MetricComparison one = judgePercentile(measure, percentile, baseline, current);
            if (!one.judged()) {
                return one;
            }
            perRun.add(one);
        }
        MetricComparison closest = perRun.get(0);
        for (MetricComparison one : perRun) {
            if (Math.abs(one.change()) < Math.abs(closest.change())) {
                closest = one;
            }
        }
        RegressionStatus status;
        if (perRun.stream().allMatch(m -> m.status() == RegressionStatus.REGRESSED)) {
            status = RegressionStatus.REGRESSED;
        } else if (perRun.stream().allMatch(m -> m.status() == RegressionStatus.IMPROVED)) {
            status = RegressionStatus.IMPROVED;
        } else {
            status = RegressionStatus.UNCHANGED;
        }
        long lowest = perRun.stream().mapToLong(MetricComparison::baselineValue).min().orElseThrow();
        long highest = perRun.stream().mapToLong(MetricComparison::baselineValue).max().orElseThrow();
        return new MetricComparison(closest.metric(), measure, percentile, status, closest.baselineValue(),
                closest.currentValue(), lowest, highest, perRun.size(), closest.change(), closest.changeLow(),
                closest.changeHigh(), true, null);
    }

    private MetricComparison judgePercentile(Measure measure, double percentile, AbstractHistogram baseline,
                                             AbstractHistogram current) {
        String metric = measure.metricName(metricName(percentile));
        long nBase = baseline.getTotalCount();
        long nCurrent = current.getTotalCount();
        long baseValue = nBase == 0 ? 0 : baseline.getValueAtPercentile(percentile);
        long currentValue = nCurrent == 0 ? 0 : current.getValueAtPercentile(percentile);
        String tooFew = tooFewSamples(nBase, "the baseline", percentile, measure);
        if (tooFew == null) {
            tooFew = tooFewSamples(nCurrent, "this run", percentile, measure);
        }
        if (tooFew != null) {
            return new MetricComparison(metric, measure, percentile, RegressionStatus.INSUFFICIENT_DATA, baseValue,
                    currentValue, baseValue, baseValue, 1, Double.NaN, Double.NaN, Double.NaN, true, tooFew);
        }
        double q = percentile / 100;
        long[] baseBounds = confidenceBounds(baseline, q);
        long[] currentBounds = confidenceBounds(current, q);
        double change = ratio(currentValue, baseValue) - 1;
        double changeLow = ratio(currentBounds[0], baseBounds[1]) - 1;
        double changeHigh = ratio(currentBounds[1], baseBounds[0]) - 1;
        double limit = measure == Measure.ALLOCATION ? tolerance : toleranceOf(percentile);
        long floor = measure == Measure.ALLOCATION ? 1 : minChangeNanos;
        long difference = currentValue - baseValue;
        RegressionStatus status;
        if (change > limit && difference >= floor && changeLow > 0) {
            status = RegressionStatus.REGRESSED;
        } else if (change < -limit && -difference >= floor && changeHigh < 0) {
            status = RegressionStatus.IMPROVED;
        } else {
            status = RegressionStatus.UNCHANGED;
        }
        return new MetricComparison(metric, measure, percentile, status, baseValue, currentValue, baseValue,
                baseValue, 1, change, changeLow, changeHigh, true, null);
    }

    private String tooFewSamples(long n, String side, double percentile, Measure measure) {
        String calls = measure == Measure.ALLOCATION ? " call(s) measured" : " timed call(s)";
        if (n < minSamples) {
            return side + " has " + n + calls + ", fewer than minSamples (" + minSamples + ")";
        }
        if (ranks(n, percentile / 100) == null) {
            return side + " has " + n + calls + ", too few to bound " + measure.metricName(metricName(percentile))
                    + " (about " + samplesNeeded(percentile / 100) + " needed)";
        }
        return null;
    }

    /** The 1-based ranks bracketing the q-quantile of n samples, or {@code null} if they leave the data. */
    static long[] ranks(long n, double q) {
        double center = n * q;
        double half = Z * Math.sqrt(n * q * (1 - q));
        long low = (long) Math.floor(center - half);
        long high = (long) Math.ceil(center + half) + 1;
        return low < 1 || high > n ? null : new long[] {low, high};
    }

    static long samplesNeeded(double q) {
        long n = 1;
        while (ranks(n, q) == null) {
            n = n < 64 ? n + 1 : n + n / 64;
        }
        return n;
    }

    private static long[] confidenceBounds(AbstractHistogram histogram, double q) {
        long[] ranks = ranks(histogram.getTotalCount(), q);
        return new long[] {valueAtRank(histogram, ranks[0]), valueAtRank(histogram, ranks[1])};
    }

    /** The value of the {@code rank}-th smallest sample (1-based), as the histogram's bucket reports it. */
    static long valueAtRank(AbstractHistogram histogram, long rank) {
        long seen = 0;
        for (HistogramIterationValue value : histogram.recordedValues()) {
            seen += value.getCountAtValueIteratedTo();
            if (seen >= rank) {
                return histogram.highestEquivalentValue(value.getValueIteratedTo());
            }
        }
        return histogram.getMaxValue();
    }

    private static double ratio(long numerator, long denominator) {
        return (double) Math.max(1, numerator) / Math.max(1, denominator);
    }

    private static RegressionStatus overall(List<MetricComparison> metrics) {
        if (metrics.stream().anyMatch(m -> m.status() == RegressionStatus.REGRESSED)) {
            return RegressionStatus.REGRESSED;
        }
        if (metrics.stream().anyMatch(m -> m.status() == RegressionStatus.IMPROVED)) {
            return RegressionStatus.IMPROVED;
        }
        if (metrics.stream().anyMatch(MetricComparison::judged)) {
            return RegressionStatus.UNCHANGED;
        }
        return RegressionStatus.INSUFFICIENT_DATA;
    }

    static String metricName(double percentile) {
        return percentile == Math.rint(percentile)
                ? "p" + (long) percentile
                : "p" + String.format(Locale.ROOT, "%s", percentile).replace(".", "");
    }
}
