package io.perfweave.agent.config;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The live dashboard's settings. Documented in {@code docs/configuration.md}; what it serves in
 * {@code docs/dashboard.md}.
 *
 * @param port  {@code dashboard.port}; empty means no dashboard, 0 any free port
 * @param host  {@code dashboard.host}: the address to listen on, loopback unless the user says otherwise
 * @param token {@code dashboard.token}: when present, every request must carry it
 */
public record DashboardConfig(OptionalInt port, String host, Optional<String> token) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    public static DashboardConfig disabled() {
        return new DashboardConfig(OptionalInt.empty(), DEFAULT_HOST, Optional.empty());
    }
}
