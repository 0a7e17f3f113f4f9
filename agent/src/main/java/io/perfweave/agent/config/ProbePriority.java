package io.perfweave.agent.config;

import java.util.Locale;

/**
 * {@code probe.<name>.priority}: how far adaptive sampling may lower a probe's timing rate under memory
 * pressure. High-priority probes are never sampled down.
 */
public enum ProbePriority {
    HIGH, NORMAL, LOW;

    /** As the configuration and the reports write it: {@code normal}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ProbePriority parse(String text) {
        for (ProbePriority priority : values()) {
            if (priority.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return priority;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a priority: use high, normal or low");
    }
}
