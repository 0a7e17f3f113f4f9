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
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface Profiled {

    /**
     * The probe's name in every report. Empty (the default) names it after the class and method:
     * {@code Checkout.checkout}, or {@code Checkout.<init>} for a constructor.
     */
    String value() default "";

    /** Also measure the bytes allocated per call, like {@code probe.<name>.allocations = true}. */
    boolean allocations() default false;
}
