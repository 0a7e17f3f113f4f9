package io.perfweave.agent.budget;

import io.perfweave.agent.overhead.OverheadViolation;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** The JFR event of a budget raised or cleared, as JDK Mission Control and {@code jfr print} show it. */
@Name(BudgetViolationEvent.NAME)
@Label("Budget Violation")
@Category({"Perfweave", "Budgets"})
@Description("A probe's budget (or the agent's, probe " + OverheadViolation.PROBE + ") exceeded (state raised) or back"
        + " within its limit (state cleared)")
@StackTrace(false)
final class BudgetViolationEvent extends jdk.jfr.Event {

    static final String NAME = "perfweave.BudgetViolation";

    @Label("Probe")
    @Description("The probe, or " + OverheadViolation.PROBE + " for agent.budget.overhead")
    String probe;

    @Label("Metric")
    @Description("p50, p90, p99, p999, max, mean, alloc.*, errors, or overhead (the agent's share of the process's CPU)")
    String metric;

    @Label("State")
    @Description("raised or cleared")
    String state;

    @Label("Limit")
    @Description("In the unit given by Unit")
    double limit;

    @Label("Observed")
    @Description("The metric over the window, in the unit given by Unit")
    double observed;

    @Label("Unit")
    @Description("ns, bytes or ratio")
    String unit;

    @Label("Window")
    @Timespan(Timespan.NANOSECONDS)
    long window;

    @Label("Samples")
    @Description("Calls in the window (for overhead: probed calls in the interval)")
    long samples;

    @Label("GC Pauses")
    @Description("Stop-the-world GC pauses that overlapped the window the violation was raised over; -1 when not known")
    int gcPauses;

    @Label("GC Pause Time")
    @Description("Their total duration")
    @Timespan(Timespan.MILLISECONDS)
    long gcPauseTime;

    @Label("Memory Pressure")
    @Description("The highest memory pressure level in that window (green, yellow, orange, red, critical); empty when not known")
    String pressure;
}
