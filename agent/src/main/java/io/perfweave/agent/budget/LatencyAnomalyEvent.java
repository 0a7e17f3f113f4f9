package io.perfweave.agent.budget;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** The JFR event of an interval whose p99 lay far above the probe's recent intervals. */
@Name(LatencyAnomalyEvent.NAME)
@Label("Latency Anomaly")
@Category({"Perfweave", "Budgets"})
@Description("An interval whose p99 lay more than anomaly.threshold standard deviations above the probe's recent intervals")
@StackTrace(false)
final class LatencyAnomalyEvent extends jdk.jfr.Event {

    static final String NAME = "perfweave.LatencyAnomaly";

    @Label("Probe")
    String probe;

    @Label("p99")
    @Timespan(Timespan.NANOSECONDS)
    long p99;

    @Label("Mean p99")
    @Description("Mean p99 of the recent intervals")
    @Timespan(Timespan.NANOSECONDS)
    long mean;

    @Label("Standard Deviation")
    @Timespan(Timespan.NANOSECONDS)
    long stddev;

    @Label("Z-Score")
    double zScore;

    @Label("Samples")
    long samples;
}
