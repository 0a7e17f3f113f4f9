package io.perfweave.agent.sink.dashboard;

import io.perfweave.agent.config.DashboardConfig;
import io.perfweave.agent.report.ReportSink;
import io.perfweave.agent.report.ReportSnapshot;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard ({@code dashboard.port}): on the reporter thread it turns every snapshot into
 * a {@link DashboardView} and publishes it with one volatile write for the {@link DashboardEndpoint}
 * to serve.
 *
 * <p>The endpoint starts on a thread of its own, so the HTTP server's start-up is off the
 * application's start-up path; until it listens, views are kept but not served. {@link #close}
 * stops the endpoint and its threads.
 */
public final class DashboardSink implements ReportSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("perfweave.agent");

    private final DashboardViews views;
    private volatile DashboardView latest;
    private DashboardEndpoint endpoint;
    private boolean closed;

    private DashboardSink(DashboardViews views) {
        this.views = views;
    }

    /** Returns at once; the endpoint comes up (or logs why it cannot) on the thread {@code perfweave-dashboard-start}. */
    public static DashboardSink start(DashboardConfig config, DashboardViews views) {
        DashboardSink sink = new DashboardSink(views);
        int port = config.port().orElseThrow(() -> new IllegalArgumentException("no dashboard.port"));
        Thread starter = new Thread(() -> sink.startEndpoint(config, port), DashboardEndpoint.THREAD_NAME + "-start");
        starter.setDaemon(true);
        starter.start();
        return sink;
    }

    private void startEndpoint(DashboardConfig config, int port) {
        DashboardEndpoint started;
        try {
            started = DashboardEndpoint.start(config.host(), port, config.token(), () -> latest);
        } catch (Exception | LinkageError e) {
            // LinkageError: a runtime image made without the jdk.httpserver module.
            LOG.error("dashboard.port: cannot serve the dashboard on {}: {}; the agent runs on without it"
                    + " (choose a free port with dashboard.port)", hostAndPort(config.host(), port), e.toString());
            return;
        }
        synchronized (this) {
            if (closed) {
                started.close();
                return;
            }
            endpoint = started;
        }
        InetSocketAddress address = started.address();
        LOG.info("dashboard at http://{}/{}", hostAndPort(address.getAddress().getHostAddress(), address.getPort()),
                config.token().isPresent() ? "?token=<dashboard.token>" : "");
        if (!address.getAddress().isLoopbackAddress() && config.token().isEmpty()) {
            LOG.warn("dashboard.host {} is not a loopback address and dashboard.token is not set: anyone who can reach {}"
                    + " can read the dashboard", config.host(), hostAndPort(address.getAddress().getHostAddress(), address.getPort()));
        }
    }

    private static String hostAndPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public void onInterval(ReportSnapshot snapshot) {
        latest = views.of(snapshot);
    }

    @Override
    public void onFinal(ReportSnapshot snapshot) {
        latest = views.of(snapshot);
    }

    /** Stops the endpoint and its threads; a start still under way stops as soon as it completes. */
    @Override
    public synchronized void close() {
        closed = true;
        if (endpoint != null) {
            endpoint.close();
            endpoint = null;
        }
    }

    @Override
    public String name() {
        return "dashboard";
    }
}
