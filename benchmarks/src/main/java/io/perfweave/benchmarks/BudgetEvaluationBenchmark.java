package io.perfweave.benchmarks;

import io.perfweave.agent.budget.BudgetEvaluator;
import io.perfweave.agent.config.AnomalySettings;
import io.perfweave.agent.config.BudgetLimits;
import io.perfweave.agent.config.BudgetMetric;
import io.perfweave.agent.config.BudgetSettings;
import io.perfweave.agent.config.MethodPattern;
import io.perfweave.agent.config.ProbeSpec;
import io.perfweave.agent.report.BudgetStatus;
import io.perfweave.agent.report.CallStats;
import io.perfweave.agent.report.LatencySummary;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the reporter spends per interval judging the budgets of 1,000 probes: one operation is one
 * interval, every probe judged with limits on p50, p99, max, mean and the error rate, over a window
 * of one interval (the default) or of 30 (say {@code budget.window = 30s} at one-second intervals),
 * with or without anomaly detection. Each probe's interval holds 5,000 calls spread log-normally
 * around 1 ms, which fills several hundred histogram buckets: more than most real probes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class BudgetEvaluationBenchmark {

    private static final int PROBES = 1_000;
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Param({"1", "30"})
    public int windowIntervals;

    @Param({"false", "true"})
    public boolean anomalies;

    private ProbeSpec[] probes;
    private Histogram[] latency;
    private CallStats[] stats;
    private BudgetEvaluator evaluator;
    private Instant start = Instant.parse("2026-01-01T00:00:00Z");

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        probes = new ProbeSpec[PROBES];
        latency = new Histogram[PROBES];
        stats = new CallStats[PROBES];
        for (int i = 0; i < PROBES; i++) {
            probes[i] = new ProbeSpec(i, "probe" + i, MethodPattern.parse("com.acme.Service" + i + "#call"), false);
            Histogram histogram = new Histogram(2);
            for (int call = 0; call < 5_000; call++) {
                histogram.recordValue((long) (1_000_000 * Math.exp(random.nextGaussian())));
            }
            latency[i] = histogram;
            stats[i] = new CallStats(5_000, 10, 0, LatencySummary.of(histogram), LatencySummary.EMPTY, null, 0, 0);
        }
        BudgetLimits limits = new BudgetLimits(Map.of(BudgetMetric.P50, 2e6, BudgetMetric.P99, 50e6,
                BudgetMetric.MAX, 1e9, BudgetMetric.MEAN, 5e6, BudgetMetric.ERRORS, 0.01), OptionalLong.empty(),
                OptionalLong.empty());
        AnomalySettings anomaly = new AnomalySettings(anomalies, AnomalySettings.DEFAULT_THRESHOLD,
                AnomalySettings.DEFAULT_HISTORY, AnomalySettings.DEFAULT_MIN_SAMPLES);
        BudgetSettings settings = new BudgetSettings(limits, Map.of(), windowIntervals * INTERVAL_NANOS,
                BudgetSettings.DEFAULT_MIN_SAMPLES, BudgetSettings.DEFAULT_HYSTERESIS, anomaly);
        evaluator = new BudgetEvaluator(settings, INTERVAL_NANOS, 2);
    }

    /**
     * For comparison: what the reporter already spends per interval on the same probes without any
     * budget, summarizing each interval histogram for the outputs ({@code LatencySummary.of}).
     *
     * @return the sum of the p99s, so that nothing is optimized away
     */
    @Benchmark
    public long summarizeOneIntervalOf1000Probes() {
        long sum = 0;
        for (int i = 0; i < PROBES; i++) {
            sum += LatencySummary.of(latency[i]).p99();
        }
        return sum;
    }

    /**
     * One interval: every probe judged, as the reporter does before each snapshot.
     *
     * @return how many limits are violated, so that nothing is optimized away
     */
    @Benchmark
    public int judgeOneIntervalOf1000Probes() {
        Instant end = start.plusSeconds(1);
        int violated = 0;
        for (int i = 0; i < PROBES; i++) {
            BudgetStatus status = evaluator.judge(probes[i], stats[i], latency[i], null, start, end);
            violated += status.violated() ? 1 : 0;
        }
        start = end;
        return violated;
    }
}
