package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.support.RunningJvm;
import io.perfweave.it.workload.AdaptiveApp;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code adaptive = true}: memory pressure lowers the timing rate of normal- and low-priority probes (by
 * the configuration or {@code @Profiled}), never of high-priority ones, every call is still counted, and
 * the rates come back when the pressure clears.
 */
class AdaptiveSamplingIT {

    private static final String TIERS = "io.perfweave.it.workload.Tiers#";
    private static final Pattern LOWERED = Pattern.compile(
            "adaptive sampling: memory pressure (orange|red|critical), 3 probe\\(s\\) timed less often \\(1 normal at 1/(4|16),"
                    + " 2 low at 1/(16|64)\\)");
    /** The {@code timed} cell of an interval table's row under a lowered rate: {@code 1/4 25.0%}. */
    private static final Pattern TIMED_AT_RATE = Pattern.compile(" (1/\\d+) (\\d+\\.\\d)%$");
    private static final String RESTORED = "adaptive sampling: memory pressure down to green, 3 probe(s) back to their own rates";

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void pressureSamplesNormalAndLowProbesDownAndClearingRestoresThem(Jdk jdk) {
        AgentJvm jvm = AgentJvm.on(jdk, "adaptive")
                .config("probe.high.method = " + TIERS + "high", "probe.high.priority = high",
                        "probe.normal.method = " + TIERS + "normal",
                        "probe.low.method = " + TIERS + "low", "probe.low.priority = low",
                        "adaptive = true", "reporter.interval = 200ms",
                        "pressure.yellow = 50%", "pressure.orange = 70%", "pressure.red = 90%", "pressure.critical = 98%")
                .jvmOption("-XX:+UseSerialGC")
                .jvmOption("-Xmx128m")
                .main(AdaptiveApp.class);
        RunningJvm child = jvm.start();
        ChildRun run;
        String underPressure;
        try (child) {
            await("start").atMost(Duration.ofSeconds(60)).until(() -> child.stdoutSoFar().contains("it: started"));
            child.ask("fill 0.75", "filled");
            await("rates lowered").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> LOWERED.matcher(child.stderrSoFar()).find() || !child.isAlive());
            // Three interval tables after the lowering: the first closed before it, the second began before it
            // (its first calls were timed at the old rates), the third is a whole interval under the lowered ones.
            Matcher message = LOWERED.matcher(child.stderrSoFar());
            assertThat(message.find()).as(child.stderrSoFar()).isTrue();
            int lowered = message.end();
            await("intervals sampled down").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> intervalTables(child.stderrSoFar().substring(lowered)) >= 3 || !child.isAlive());
            underPressure = intervalTable(child.stderrSoFar().substring(lowered), 3);
            child.ask("release", "released");
            await("rates restored").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> child.stderrSoFar().contains(RESTORED) || !child.isAlive());
            int restored = child.stderrSoFar().indexOf(RESTORED);
            await("an interval at the restored rates").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> intervalTables(child.stderrSoFar().substring(restored)) >= 2 || !child.isAlive());
            child.send("stop");
            run = child.awaitExit(Duration.ofSeconds(60));
        }
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).as(run.describe()).containsPattern(LOWERED).contains(RESTORED);
        assertThat(run.stderrLineContaining("adaptive sampling on: 2 probe(s)")).as(run.describe()).isPresent();
        long calls = run.printed("it: ", "calls");

        // What the interval table showed under pressure: the lowered rate in force, and about that share timed.
        Matcher level = LOWERED.matcher(run.stderr());
        assertThat(level.find()).isTrue();
        assertTimedAtLoweredRate(underPressure, "normal", Integer.parseInt(level.group(2)));
        assertTimedAtLoweredRate(underPressure, "low", Integer.parseInt(level.group(3)));
        assertTimedAtLoweredRate(underPressure, "annotatedLow", Integer.parseInt(level.group(3)));
        assertThat(TIMED_AT_RATE.matcher(row(underPressure, "high")).find()).as("high priority keeps its rate\n"
                + underPressure).isFalse();

        JsonNode high = run.probe("high");
        assertThat(high.get("count").asLong()).as("every call counted").isEqualTo(calls);
        assertThat(high.has("sampling")).as("a high-priority probe is never sampled down").isFalse();
        assertThat(high.get("latencyNanos").get("samples").asLong() + high.get("dropped").asLong()).isEqualTo(calls);

        JsonNode normal = sampledDownAndRestored(run, "normal", calls);
        JsonNode low = sampledDownAndRestored(run, "low", calls);
        assertThat(low.get("sampling").get("untimed").asLong()).as("low priority is sampled down further")
                .isGreaterThan(normal.get("sampling").get("untimed").asLong());
        JsonNode annotatedLow = sampledDownAndRestored(run, "annotatedLow", calls);
        assertThat(annotatedLow.get("sampling").get("priority").asText()).isEqualTo("low");
        assertThat(annotatedLow.get("sampling").get("untimed").asLong()).as("@Profiled(priority = LOW)")
                .isGreaterThan(normal.get("sampling").get("untimed").asLong());
    }

    private static JsonNode sampledDownAndRestored(ChildRun run, String name, long calls) {
        JsonNode probe = run.probe(name);
        JsonNode sampling = probe.get("sampling");
        assertThat(probe.get("count").asLong()).as(name + ": every call counted").isEqualTo(calls);
        assertThat(sampling.get("adaptive").asBoolean()).isTrue();
        assertThat(sampling.get("priority").asText()).isEqualTo(name.equals("normal") ? "normal" : "low");
        assertThat(sampling.get("rate").asText()).as("its own rate").isEqualTo("1/1");
        long timed = sampling.get("timed").asLong();
        long untimed = sampling.get("untimed").asLong();
        assertThat(untimed).as(name + ": calls left untimed under pressure").isPositive();
        assertThat(timed + untimed + probe.get("dropped").asLong()).isEqualTo(calls);
        assertThat(timed).isEqualTo(probe.get("latencyNanos").get("samples").asLong());
        assertThat(sampling.get("rateInForce").asText()).as(name + ": restored").isEqualTo("1/1");
        // The last interval lies wholly after the restore: every call in it was timed, unless its record was dropped.
        assertThat(sampling.get("intervalCalls").asLong()).isPositive();
        assertThat(sampling.get("intervalEffectiveRate").asDouble() == 1.0 || probe.get("dropped").asLong() > 0)
                .as(name + ": " + sampling).isTrue();
        return probe;
    }

    /** The probe's row shows {@code 1/<period>} in its {@code timed} column, and about 1/period of the calls timed. */
    private static void assertTimedAtLoweredRate(String table, String probe, int period) {
        Matcher timed = TIMED_AT_RATE.matcher(row(table, probe));
        assertThat(timed.find()).as(probe + " in\n" + table).isTrue();
        assertThat(timed.group(1)).as(probe + ": the rate in force").isEqualTo("1/" + period);
        double expected = 100.0 / period;
        assertThat(Double.parseDouble(timed.group(2))).as(probe + ": the share timed, %").isCloseTo(expected,
                within(expected * 0.2));
    }

    /** The row of a probe in a table: its lines start with two spaces and the probe's name. */
    private static String row(String table, String probe) {
        return table.lines().filter(line -> line.startsWith("  " + probe + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row of " + probe + " in\n" + table)).stripTrailing();
    }

    /** The {@code n}-th interval table (from 1) in the text: its heading and the indented lines under it. */
    private static String intervalTable(String stderr, int n) {
        List<String> lines = stderr.lines().toList();
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(" interval ") && ++seen == n) {
                StringBuilder table = new StringBuilder(lines.get(i));
                for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("  "); j++) {
                    table.append('\n').append(lines.get(j));
                }
                return table.toString();
            }
        }
        throw new AssertionError("fewer than " + n + " interval tables in\n" + stderr);
    }

    private static long intervalTables(String stderr) {
        return stderr.lines().filter(line -> line.contains(" interval ")).count();
    }
}
