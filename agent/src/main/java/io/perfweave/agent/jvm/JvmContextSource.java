package io.perfweave.agent.jvm;

import java.time.Instant;

/**
 * Gives the {@link JvmContext} of a window, for whatever raises an alarm about one (a regression, a
 * violated budget) and wants to say what the JVM was doing meanwhile. Reporter thread only.
 */
@FunctionalInterface
public interface JvmContextSource {

    JvmContext contextOf(Instant start, Instant end);

    /** What alarm lines end with: {@code "; JVM meanwhile: <context>"}, or nothing without a source. */
    static String meanwhile(JvmContextSource source, Instant start, Instant end) {
        return source == null ? "" : "; JVM meanwhile: " + source.contextOf(start, end).describe();
    }
}
