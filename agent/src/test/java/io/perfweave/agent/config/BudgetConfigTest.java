package io.perfweave.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The budget.*, anomaly.* and probe.<name>.budget.* keys of {@link ConfigLoader}. */
class BudgetConfigTest {

    @TempDir
    Path dir;

    private ConfigLoader.Result load(String... lines) throws IOException {
        Files.writeString(dir.resolve("perfweave.properties"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return ConfigLoader.load("config=perfweave.properties", Map.of(), dir);
    }

    private String file() {
        return dir.resolve("perfweave.properties").toString();
    }

    @Test
    void withoutBudgetKeysNoProbeHasABudgetAndAnomaliesAreOff() throws IOException {
        BudgetSettings budgets = load("probe.checkout.method = a.B#c").config().budgets();

        assertThat(budgets.defaults().hasLimits()).isFalse();
        assertThat(budgets.perProbe()).isEmpty();
        assertThat(budgets.windowNanos()).as("one reporter interval").isZero();
        assertThat(budgets.minSamples()).isEqualTo(100);
        assertThat(budgets.hysteresis()).isEqualTo(0.10);
        assertThat(budgets.anomaly()).isEqualTo(new AnomalySettings(false, 3, 30, 100));
        assertThat(budgets.budgetOf("checkout", BudgetLimits.NONE).hasLimits()).isFalse();
    }

    @Test
    void readsEveryBudgetKey() throws IOException {
        ConfigLoader.Result result = load(
                "probe.checkout.method = a.B#c",
                "probe.checkout.allocations = true",
                "probe.checkout.budget.p50 = 2ms",
                "probe.checkout.budget.p90 = 5ms",
                "probe.checkout.budget.p99 = 25ms",
                "probe.checkout.budget.p999 = 100ms",
                "probe.checkout.budget.max = 1s",
                "probe.checkout.budget.mean = 3.5ms",
                "probe.checkout.budget.alloc.p50 = 256B",
                "probe.checkout.budget.alloc.p90 = 1KiB",
                "probe.checkout.budget.alloc.p99 = 1.5KiB",
                "probe.checkout.budget.alloc.p999 = 0.5MiB",
                "probe.checkout.budget.alloc.max = 2MiB",
                "probe.checkout.budget.alloc.mean = 512B",
                "probe.checkout.budget.errors = 1%",
                "probe.checkout.budget.minSamples = 50",
                "probe.checkout.budget.window = 30s",
                "budget.default.p99 = 50ms",
                "budget.default.errors = 0.5%",
                "budget.window = 10s",
                "budget.minSamples = 200",
                "budget.hysteresis = 5%",
                "anomaly.enabled = true",
                "anomaly.threshold = 4.5",
                "anomaly.history = 20",
                "anomaly.minSamples = 30");

        assertThat(result.problems()).isEmpty();
        BudgetSettings budgets = result.config().budgets();
        BudgetLimits checkout = budgets.budgetOf("checkout", BudgetLimits.NONE);
        assertThat(checkout.limits()).containsExactly(
                Map.entry(BudgetMetric.P50, 2e6), Map.entry(BudgetMetric.P90, 5e6), Map.entry(BudgetMetric.P99, 25e6),
                Map.entry(BudgetMetric.P999, 100e6), Map.entry(BudgetMetric.MAX, 1e9), Map.entry(BudgetMetric.MEAN, 3.5e6),
                Map.entry(BudgetMetric.ALLOC_P50, 256.0), Map.entry(BudgetMetric.ALLOC_P90, 1024.0),
                Map.entry(BudgetMetric.ALLOC_P99, 1536.0), Map.entry(BudgetMetric.ALLOC_P999, 524288.0),
                Map.entry(BudgetMetric.ALLOC_MAX, 2097152.0),
                Map.entry(BudgetMetric.ALLOC_MEAN, 512.0), Map.entry(BudgetMetric.ERRORS, 0.01));
        assertThat(checkout.minSamples()).hasValue(50);
        assertThat(checkout.windowNanos()).hasValue(TimeUnit.SECONDS.toNanos(30));
        BudgetLimits other = budgets.budgetOf("other", BudgetLimits.NONE);
        assertThat(other.limits()).containsExactly(Map.entry(BudgetMetric.P99, 50e6), Map.entry(BudgetMetric.ERRORS, 0.005));
        assertThat(other.minSamples()).hasValue(200);
        assertThat(other.windowNanos()).hasValue(TimeUnit.SECONDS.toNanos(10));
        assertThat(budgets.hysteresis()).isEqualTo(0.05);
        assertThat(budgets.anomaly()).isEqualTo(new AnomalySettings(true, 4.5, 20, 30));
    }

    @Test
    void badValuesAreLocatedAndTheRestOfTheBudgetStays() throws IOException {
        ConfigLoader.Result result = load(
                "probe.checkout.method = a.B#c",
                "probe.checkout.budget.p99 = 25",
                "probe.checkout.budget.max = 1s",
                "probe.checkout.budget.alloc.p99 = 1KB",
                "probe.checkout.budget.errors = 2",
                "probe.checkout.budgt.p99 = 5ms",
                "probe.nothere.budget.p99 = 5ms",
                "budget.default.p99 = fast",
                "budget.hysteresis = 100%",
                "budget.windw = 10s",
                "anomaly.threshold = -1");

        assertThat(result.problems()).extracting(ConfigProblem::location, ConfigProblem::key).containsExactlyInAnyOrder(
                tuple(file() + ":2", "probe.checkout.budget.p99"),
                tuple(file() + ":4", "probe.checkout.budget.alloc.p99"),
                tuple(file() + ":5", "probe.checkout.budget.errors"),
                tuple(file() + ":6", "probe.checkout.budgt.p99"),
                tuple(file() + ":7", "probe.nothere.budget.p99"),
                tuple(file() + ":8", "budget.default.p99"),
                tuple(file() + ":9", "budget.hysteresis"),
                tuple(file() + ":10", "budget.windw"),
                tuple(file() + ":11", "anomaly.threshold"));
        assertThat(problem(result, "probe.checkout.budget.p99")).contains("not a duration");
        assertThat(problem(result, "probe.checkout.budget.alloc.p99")).contains("does not measure allocation");
        assertThat(problem(result, "probe.checkout.budget.errors")).contains("use a percentage, for example 1%");
        assertThat(problem(result, "probe.checkout.budgt.p99")).contains("did you mean 'probe.checkout.budget.p99'");
        assertThat(problem(result, "probe.nothere.budget.p99")).contains("there is no probe 'nothere'");
        assertThat(problem(result, "budget.windw")).contains("did you mean 'budget.window'");
        BudgetLimits checkout = result.config().budgets().budgetOf("checkout", BudgetLimits.NONE);
        assertThat(checkout.limits()).containsExactly(Map.entry(BudgetMetric.MAX, 1e9));
        assertThat(result.config().budgets().hysteresis()).isEqualTo(0.10);
        assertThat(result.config().budgets().anomaly().threshold()).isEqualTo(3);
    }

    @Test
    void allocationLimitsNeedAllocationsAndUnitsTheyKnow() throws IOException {
        ConfigLoader.Result result = load("probe.json.method = a.B#c", "probe.json.allocations = true",
                "probe.json.budget.alloc.p99 = 1KB");
        assertThat(problem(result, "probe.json.budget.alloc.p99")).contains("unknown unit 'KB'", "KiB");
    }

    @Test
    void byteSizes() {
        assertThat(ByteSizeValue.parseBytes("512B")).isEqualTo(512);
        assertThat(ByteSizeValue.parseBytes("1.5 KiB")).isEqualTo(1536);
        assertThat(ByteSizeValue.parseBytes("2MiB")).isEqualTo(2L << 20);
        assertThat(ByteSizeValue.parseBytes("1GiB")).isEqualTo(1L << 30);
        assertThatThrownBy(() -> ByteSizeValue.parseBytes("12")).hasMessageContaining("not an amount of memory");
        assertThatThrownBy(() -> ByteSizeValue.parseBytes("1kib")).hasMessageContaining("unknown unit 'kib'");
    }

    @Test
    void annotatedLimitsSitBetweenTheProbesKeysAndTheDefaults() throws IOException {
        BudgetSettings budgets = load("budget.default.p99 = 50ms", "budget.default.max = 1s").config().budgets();
        BudgetLimits annotated = new BudgetLimits(Map.of(BudgetMetric.P99, 5e6), OptionalLong.of(7), OptionalLong.empty());

        BudgetLimits limits = budgets.budgetOf("Checkout.process", annotated);
        assertThat(limits.limits()).containsExactly(Map.entry(BudgetMetric.P99, 5e6), Map.entry(BudgetMetric.MAX, 1e9));
        assertThat(limits.minSamples()).hasValue(7);
    }

    private static String problem(ConfigLoader.Result result, String key) {
        return result.problems().stream().filter(p -> key.equals(p.key())).findFirst()
                .map(ConfigProblem::message).orElseThrow(() -> new AssertionError("no problem with " + key));
    }
}
