package io.perfweave.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code baseline.*} keys and their per-probe overrides, as {@link ConfigLoader} reads them. */
class BaselineSettingsTest {

    @TempDir
    Path dir;

    private ConfigLoader.Result loadFile(String... lines) throws IOException {
        Files.writeString(dir.resolve("perfweave.properties"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return ConfigLoader.load("config=perfweave.properties", Map.of(), dir);
    }

    @Test
    void withoutSettingsNothingIsSavedOrComparedAndTheDefaultsHold() {
        BaselineSettings baseline = ConfigLoader.load(null, Map.of(), dir).config().baseline();

        assertThat(baseline.save()).isEmpty();
        assertThat(baseline.compare()).isEmpty();
        assertThat(baseline.label()).isEmpty();
        assertThat(baseline.tolerance()).isEqualTo(0.20);
        assertThat(baseline.tailTolerance()).isEqualTo(1.0);
        assertThat(baseline.minChangeNanos()).isEqualTo(1_000);
        assertThat(baseline.minSamples()).isEqualTo(1_000);
        assertThat(baseline.probeOverrides()).isEmpty();
    }

    @Test
    void readsEveryBaselineKeyAndThePerProbeOverrides() throws IOException {
        ConfigLoader.Result result = loadFile(
                "probe.price.method = com.acme.Pricing#price",
                "probe.save.method = com.acme.Repo#save",
                "probe.price.baseline.tolerance = 35%",
                "probe.save.baseline.minSamples = 200",
                "probe.save.baseline.minChange = 100ns",
                "probe.price.baseline.tailTolerance = 50%",
                "baseline.tailTolerance = 80%",
                "baseline.minChange = 2us",
                "baseline.save = build/baseline.json",
                "baseline.label = main@abc123",
                "baseline.compare = baselines/main.json",
                "baseline.tolerance = 12.5",
                "baseline.minSamples = 5_000");

        assertThat(result.problems()).isEmpty();
        BaselineSettings baseline = result.config().baseline();
        assertThat(baseline.save()).contains(dir.resolve("build/baseline.json"));
        assertThat(baseline.compare()).contains(dir.resolve("baselines/main.json"));
        assertThat(baseline.label()).isEqualTo("main@abc123");
        assertThat(baseline.tolerance()).isEqualTo(0.125);
        assertThat(baseline.minSamples()).isEqualTo(5_000);
        assertThat(baseline.tailTolerance()).isEqualTo(0.8);
        assertThat(baseline.minChangeNanos()).isEqualTo(2_000);
        assertThat(baseline.tolerance("price")).isEqualTo(0.35);
        assertThat(baseline.tailTolerance("price")).isEqualTo(0.5);
        assertThat(baseline.minSamples("price")).isEqualTo(5_000);
        assertThat(baseline.minSamples("save")).isEqualTo(200);
        assertThat(baseline.minChangeNanos("save")).isEqualTo(100);
        assertThat(baseline.tolerance("save")).isEqualTo(0.125);
        assertThat(result.config().probes()).hasSize(2);
    }

    @Test
    void badValuesAreLocatedAndFallBack() throws IOException {
        Path file = dir.resolve("perfweave.properties");
        ConfigLoader.Result result = loadFile(
                "probe.price.method = com.acme.Pricing#price",
                "probe.price.baseline.tolerance = -5%",
                "probe.ghost.baseline.minSamples = 10",
                "baseline.tolerance = lots",
                "baseline.minSamples = 0",
                "probe.price.baseline.tolerence = 5%");

        assertThat(result.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                file + ":2: probe.price.baseline.tolerance: '-5%' is out of range: use more than 0% and at most 1000%;"
                        + " the probe uses the global setting",
                file + ":3: probe.ghost.baseline.minSamples: there is no probe 'ghost' (no probe.ghost.method);"
                        + " the setting is ignored",
                file + ":4: baseline.tolerance: 'lots' is not a percentage: use for example 20%; using the default, 20%",
                file + ":5: baseline.minSamples: 0 is out of range: use 1 to 9223372036854775807; using the default, 1000",
                file + ":6: probe.price.baseline.tolerence: unknown key (did you mean 'probe.price.baseline.tolerance'?);"
                        + " see docs/configuration.md for every key");
        BaselineSettings baseline = result.config().baseline();
        assertThat(baseline.tolerance()).isEqualTo(0.20);
        assertThat(baseline.minSamples()).isEqualTo(1_000);
        assertThat(baseline.probeOverrides()).isEmpty();
        assertThat(result.config().probes()).hasSize(1);
    }

    @Test
    void toleranceIsAPercentageWithOrWithoutTheSign() {
        assertThat(BaselineSettings.parseTolerance("20%")).isEqualTo(0.20);
        assertThat(BaselineSettings.parseTolerance(" 7.5 % ")).isEqualTo(0.075);
        assertThat(BaselineSettings.parseTolerance("150")).isEqualTo(1.5);
        assertThatThrownBy(() -> BaselineSettings.parseTolerance("0%")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> BaselineSettings.parseTolerance("2000%")).hasMessageContaining("out of range");
    }
}
