package io.perfweave.agent.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The validated configuration the agent runs with. Every key is documented in
 * {@code docs/configuration.md}; defaults live in {@link ConfigLoader}.
 *
 * @param source               where the settings came from, for the report and the logs
 * @param reporterIntervalNanos {@code reporter.interval}
 * @param jsonReport           {@code report.json}
 * @param consoleIntervalTable {@code report.console}
 * @param consoleFinalTable    {@code report.console.final}
 * @param logLevel             {@code log.level}
 * @param logFile              {@code log.file}; empty means stderr
 * @param ringCapacity         {@code ring.capacity}
 * @param significantDigits    {@code histogram.significantDigits}
 * @param shutdownTimeoutNanos {@code shutdown.timeout}
 * @param profiledClasses      {@code profiled.classes}: classes searched for {@code @Profiled}
 *                             methods; empty when switched off
 * @param hlogReport           {@code report.hlog}
 * @param prometheus           the {@code prometheus.*} keys
 * @param dashboard            the {@code dashboard.*} keys
 * @param htmlReport           {@code report.html}
 * @param probes               the probes, ordered by id
 * @param baseline             {@code baseline.*} and {@code probe.<name>.baseline.*}
 * @param budgets              {@code budget.*}, {@code anomaly.*} and {@code probe.<name>.budget.*}
 * @param health               {@code pressure.*}, {@code leak.window}, {@code agent.budget.overhead}
 * @param configFile           the properties file named by {@code config}, if any
 * @param configWatch          {@code config.watch}: apply edits of the file while the JVM runs
 * @param adaptive             {@code adaptive} and {@code adaptive.*}: sampling probes down under memory pressure
 */
public record AgentConfig(
        String source,
        long reporterIntervalNanos,
        Optional<Path> jsonReport,
        boolean consoleIntervalTable,
        boolean consoleFinalTable,
        String logLevel,
        Optional<Path> logFile,
        int ringCapacity,
        int significantDigits,
        long shutdownTimeoutNanos,
        Optional<Glob> profiledClasses,
        Optional<Path> hlogReport,
        PrometheusConfig prometheus,
        DashboardConfig dashboard,
        Optional<Path> htmlReport,
        List<ProbeSpec> probes,
        BaselineSettings baseline,
        BudgetSettings budgets,
        HealthSettings health,
        Optional<Path> configFile,
        boolean configWatch,
        AdaptiveSettings adaptive) {
}
