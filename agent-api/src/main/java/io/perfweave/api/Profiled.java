package io.perfweave.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method or constructor as a Perfweave probe. When the Perfweave agent is attached, every
 * annotated method is timed like a method named in the agent's configuration; without the agent,
 * the annotation is inert metadata and costs nothing.
 *
 * <pre>{@code
 * @Profiled("checkout")
 * public Receipt checkout(Cart cart) { ... }
 * }</pre>
 *
 * <p>Methods that share a name share one probe: their calls are reported together.
 *
 * <p>A budget may be stated here too; the agent then checks the probe against it every interval and
 * reports when it is exceeded (see the agent's docs/budgets.md). The agent's configuration
 * ({@code probe.<name>.budget.*}) overrides a limit stated here; {@code budget.default.*} fills in the
 * ones stated nowhere. Limits are durations ({@code "25ms"}) or, for {@link #errors()}, a percentage.
 *
 * <pre>{@code
 * @Profiled(value = "checkout", p99 = "25ms", errors = "1%")
 * public Receipt checkout(Cart cart) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface Profiled {

    /**
     * The probe's name in every report: letters, digits, {@code _} and {@code -}, like a probe named in
     * the agent's configuration; the agent leaves a method with any other name unprobed and says so.
     * Empty (the default) names it after the class and method: {@code Checkout.checkout}, or
     * {@code Checkout.<init>} for a constructor.
     */
    String value() default "";

    /** Also measure the bytes allocated per call, like {@code probe.<name>.allocations = true}. */
    boolean allocations() default false;

    /**
     * How far the agent's adaptive sampling ({@code adaptive = true}) may lower the probe's timing rate
     * under memory pressure, like {@code probe.<name>.priority}; {@link Priority#HIGH} is never lowered.
     */
    Priority priority() default Priority.NORMAL;

    /** Budget: the highest acceptable median latency, like {@code probe.<name>.budget.p50}; empty for none. */
    String p50() default "";

    /** Budget: the highest acceptable 90th percentile latency; empty for none. */
    String p90() default "";

    /** Budget: the highest acceptable 99th percentile latency; empty for none. */
    String p99() default "";

    /** Budget: the highest acceptable 99.9th percentile latency; empty for none. */
    String p999() default "";

    /** Budget: the highest acceptable latency of any call; empty for none. */
    String max() default "";

    /** Budget: the highest acceptable mean latency; empty for none. */
    String mean() default "";

    /** Budget: the highest acceptable error rate, a percentage such as {@code "1%"}; empty for none. */
    String errors() default "";

    /** Budget: windows with fewer calls are not judged; 0 for the agent's {@code budget.minSamples}. */
    long minSamples() default 0;

    /** See {@link #priority()}. */
    enum Priority {
        HIGH, NORMAL, LOW
    }
}
