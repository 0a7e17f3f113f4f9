package io.perfweave.agent.config;

/**
 * One {@code key = value} setting and where it came from, for error messages.
 *
 * @param location a human-readable origin such as {@code /etc/app/perfweave.properties:12},
 *                 {@code agent argument 2} or {@code system property perfweave.reporter.interval}
 */
public record ConfigEntry(String key, String value, String location) {
}
