package io.perfweave.agent.core;

import io.perfweave.agent.baseline.Baseline;
import io.perfweave.agent.baseline.BaselineFormatException;
import io.perfweave.agent.baseline.BaselineReader;
import io.perfweave.agent.baseline.BaselineSaveSink;
import io.perfweave.agent.baseline.BaselineVerdicts;
import io.perfweave.agent.baseline.RegressionLogSink;
import io.perfweave.agent.budget.BudgetJfrSink;
import io.perfweave.agent.budget.BudgetListenerSink;
import io.perfweave.agent.budget.BudgetLogSink;
import io.perfweave.agent.config.AgentConfig;
import io.perfweave.agent.config.BaselineSettings;
import io.perfweave.agent.config.BudgetSettings;
import io.perfweave.agent.config.PrometheusConfig;
import io.perfweave.agent.jvm.JvmMonitor;
import io.perfweave.agent.report.ReportSink;
import io.perfweave.agent.report.RunInfo;
import io.perfweave.agent.sink.console.ConsoleTableSink;
import io.perfweave.agent.sink.dashboard.DashboardSink;
import io.perfweave.agent.sink.dashboard.DashboardViews;
import io.perfweave.agent.sink.dashboard.HtmlReportSink;
import io.perfweave.agent.sink.hlog.HistogramLogSink;
import io.perfweave.agent.sink.json.JsonReportSink;
import io.perfweave.agent.sink.prometheus.PrometheusEndpoint;
import io.perfweave.agent.sink.prometheus.PrometheusSink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * The outputs the configuration asks for, in the order the reporter calls them. An output that cannot
 * start (a taken port, an unwritable file, a JVM without a module it needs) is logged and left out;
 * the others run.
 */
final class SinkAssembly {

    private SinkAssembly() {
    }

    static List<ReportSink> sinks(AgentConfig config, RunInfo run, Logger log, JvmMonitor jvm) {
        List<ReportSink> sinks = new ArrayList<>();
        sinks.add(new ConsoleTableSink(config.consoleIntervalTable(), config.consoleFinalTable()));
        addBudgetSinks(sinks, config.budgets(), log, jvm);
        BaselineVerdicts verdicts = baselineVerdicts(config.baseline(), log);
        if (verdicts != null) {
            sinks.add(new RegressionLogSink(verdicts, jvm));
        }
        config.jsonReport().ifPresent(path -> sinks.add(new JsonReportSink(path, run, verdicts)));
        BaselineSettings baseline = config.baseline();
        baseline.save().ifPresent(path -> sinks.add(
                new BaselineSaveSink(path, run, baseline.label(), config.significantDigits())));
        config.hlogReport().ifPresent(path -> {
            try {
                sinks.add(new HistogramLogSink(path, run.agentVersion()));
                log.info("writing the interval log (report.hlog) to {}", path);
            } catch (IOException | RuntimeException e) {
                log.error("report.hlog: cannot create the interval log {}: {}; the agent runs on without it", path, e.toString());
            }
        });
        if (config.dashboard().port().isPresent() || config.htmlReport().isPresent()) {
            DashboardViews views = new DashboardViews(run, config.reporterIntervalNanos(), verdicts);
            config.dashboard().port().ifPresent(port -> sinks.add(DashboardSink.start(config.dashboard(), views)));
            config.htmlReport().ifPresent(path -> sinks.add(new HtmlReportSink(path, views)));
        }
        PrometheusConfig prometheus = config.prometheus();
        prometheus.port().ifPresent(port -> {
            try {
                PrometheusEndpoint endpoint = PrometheusEndpoint.start(prometheus.host(), port);
                sinks.add(new PrometheusSink(prometheus, run.agentVersion(), endpoint));
                InetSocketAddress address = endpoint.address();
                log.info("Prometheus endpoint at http://{}{}", hostAndPort(address), "/metrics");
                if (!address.getAddress().isLoopbackAddress()) {
                    log.warn("prometheus.host {} is not a loopback address: anyone who can reach {} can read the metrics",
                            prometheus.host(), hostAndPort(address));
                }
            } catch (IOException | RuntimeException e) {
                log.error("prometheus.port: cannot serve metrics on {}: {}; the agent runs on without the Prometheus"
                        + " endpoint (choose a free port with prometheus.port)", hostAndPort(prometheus.host(), port), e.toString());
            } catch (LinkageError e) {
                // A runtime image made without the jdk.httpserver module.
                log.error("prometheus.port: this JVM has no HTTP server (module jdk.httpserver): {}; the agent runs on"
                        + " without the Prometheus endpoint", e.toString());
            }
        });
        return sinks;
    }

    /** The outputs of budget events: the log, JFR (where the JVM has it) and the application's listeners. */
    private static void addBudgetSinks(List<ReportSink> sinks, BudgetSettings budgets, Logger log, JvmMonitor jvm) {
        sinks.add(new BudgetLogSink(budgets.hysteresis(), jvm));
        try {
            sinks.add(new BudgetJfrSink());
        } catch (LinkageError e) {
            // A runtime image made without the jdk.jfr module.
            log.warn("this JVM has no Flight Recorder (module jdk.jfr): {}; budget events are not recorded as JFR events",
                    e.toString());
        }
        sinks.add(new BudgetListenerSink(budgets.hysteresis()));
    }

    private static String hostAndPort(InetSocketAddress address) {
        return hostAndPort(address.getAddress().getHostAddress(), address.getPort());
    }

    private static String hostAndPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The comparison with {@code baseline.compare}, or {@code null} when there is none or it cannot be read. */
    private static BaselineVerdicts baselineVerdicts(BaselineSettings settings, Logger log) {
        if (settings.compare().isEmpty()) {
            return null;
        }
        try {
            Baseline baseline = BaselineReader.read(settings.compare().get());
            log.info("comparing with baseline {}, saved {} by agent {} on {}", baseline.describe(), baseline.endTime(),
                    baseline.agentVersion(), baseline.jvmVersion());
            return new BaselineVerdicts(baseline, AgentRuntime.rules(settings));
        } catch (BaselineFormatException e) {
            log.error("baseline.compare: {}; the run is not compared with a baseline", e.getMessage());
            return null;
        }
    }
}
