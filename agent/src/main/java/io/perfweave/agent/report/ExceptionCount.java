package io.perfweave.agent.report;

/**
 * How often calls of a probe ended with one exception class.
 *
 * @param exceptionClass the class name, or {@link #OTHER} for the classes past the per-probe limit
 */
public record ExceptionCount(String exceptionClass, long count) {

    public static final String OTHER = "other";
}
