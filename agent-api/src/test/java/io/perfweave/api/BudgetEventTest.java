package io.perfweave.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the maps the agent sends across its bridge (keys as documented on {@code AgentBridge}). */
class BudgetEventTest {

    @Test
    void anAnomalyMapBecomesAnAnomalyEvent() {
        Map<String, Object> sent = Map.ofEntries(Map.entry("kind", "anomaly"), Map.entry("probe", "checkout"),
                Map.entry("metric", "p99"), Map.entry("unit", "ns"), Map.entry("observed", 48_000_000.0),
                Map.entry("limit", 36_200_000.0), Map.entry("zScore", 5.2), Map.entry("samples", 950L),
                Map.entry("windowNanos", 1_000_000_000L), Map.entry("time", "2026-11-23T10:00:10Z"),
                Map.entry("message", "latency anomaly: checkout p99 48.0ms is 5.2 standard deviations above ..."));

        BudgetEvent event = BudgetEvent.of(sent);

        assertThat(event.kind()).isEqualTo(BudgetEvent.Kind.ANOMALY);
        assertThat(event.probe()).isEqualTo("checkout");
        assertThat(event.metric()).isEqualTo("p99");
        assertThat(event.unit()).isEqualTo("ns");
        assertThat(event.observed()).isEqualTo(48_000_000.0);
        assertThat(event.limit()).isEqualTo(36_200_000.0);
        assertThat(event.samples()).isEqualTo(950);
        assertThat(event.windowNanos()).isEqualTo(1_000_000_000L);
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-23T10:00:10Z"));
        assertThat(event.message()).startsWith("latency anomaly: checkout p99 48.0ms");
    }

    @Test
    void raisedAndClearedKeepTheirKindAndAMissingNumberIsNaN() {
        Map<String, Object> raised = Map.of("kind", "raised", "probe", "checkout", "metric", "errors", "unit", "ratio",
                "limit", 0.01, "observed", 0.05, "samples", 1204L, "windowNanos", 10_000_000_000L,
                "time", "2026-11-23T10:00:10Z", "message", "budget exceeded: ...");
        Map<String, Object> cleared = new java.util.HashMap<>(raised);
        cleared.put("kind", "cleared");
        cleared.remove("observed");

        assertThat(BudgetEvent.of(raised).kind()).isEqualTo(BudgetEvent.Kind.RAISED);
        assertThat(BudgetEvent.of(raised).observed()).isEqualTo(0.05);
        assertThat(BudgetEvent.of(cleared).kind()).isEqualTo(BudgetEvent.Kind.CLEARED);
        assertThat(BudgetEvent.of(cleared).observed()).isNaN();
    }
}
