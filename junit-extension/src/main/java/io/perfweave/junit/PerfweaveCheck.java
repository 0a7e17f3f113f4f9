package io.perfweave.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails a test whose calls of the named probes regressed against a baseline file, exceeded a latency
 * limit, or exceeded the latency budget the agent's configuration gives them. Only the calls made
 * while the test method runs are judged (from a checkpoint just before it to just after it, on any
 * thread). On a class, it applies to every test method that does not carry its own.
 *
 * <pre>{@code
 * @Test
 * @PerfweaveCheck(probes = "price", baseline = "perf/baseline.json", p99 = "5ms")
 * void pricesAThousandOrders() { ... }
 *
 * @Test
 * @PerfweaveCheck(probes = "price", budgets = true)
 * void pricesWithinTheConfiguredBudget() { ... }
 * }</pre>
 *
 * The tests must run with the agent ({@code -javaagent:perfweave-agent.jar}), configured with these
 * probes; see {@code docs/baselines.md}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(PerfweaveExtension.class)
public @interface PerfweaveCheck {

    /** The probes to judge, by their names in the agent's configuration. */
    String[] probes();

    /** A baseline file saved by the agent ({@code baseline.save}), relative to the working directory; empty for none. */
    String baseline() default "";

    /** The highest allowed median, such as {@code 2ms}; empty for no limit. */
    String p50() default "";

    /** The highest allowed 99th percentile, such as {@code 5ms}; empty for no limit. */
    String p99() default "";

    /** The highest allowed latency of any one call; empty for no limit. */
    String max() default "";

    /**
     * Whether to judge each probe's latency budget from the agent's configuration
     * ({@code probe.<name>.budget.p50}, {@code p90}, {@code p99}, {@code p999}, {@code max}, {@code mean},
     * a {@code @Profiled} budget, {@code budget.default.*}) over the test's calls. A probe with fewer
     * calls in the test than its budget's {@code minSamples} fails, as does one without a latency
     * budget. Allocation and error-rate limits are left to the agent, which judges them during the run.
     *
     * <p>Off unless asked for: budgets are written for a running service's windows, and a test that
     * makes a handful of calls would fail on {@code minSamples} the day someone adds a budget.
     */
    boolean budgets() default false;

    /** What a test does when the JVM runs without the agent. */
    WhenDetached whenDetached() default WhenDetached.FAIL;

    enum WhenDetached {
        /** The test fails, saying how to attach the agent: a performance check never passes unmeasured. */
        FAIL,
        /** The test is aborted (reported as skipped), for suites also run without the agent. */
        SKIP
    }
}
