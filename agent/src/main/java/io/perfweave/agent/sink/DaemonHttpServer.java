package io.perfweave.agent.sink;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The JDK's HTTP server ({@code com.sun.net.httpserver}), started so that it never keeps the JVM
 * alive and a thread dump says whose its threads are. The server starts its dispatcher and timer
 * threads from the thread that creates it, and they inherit that thread's daemon status, so it is
 * created on a daemon thread of its own; those threads are then renamed {@code <name>-<theirs>}.
 * Requests are handled one at a time on one daemon thread named {@code <name>}.
 */
public final class DaemonHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private DaemonHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Listens on {@code address} (port 0: any free port) and passes every request to {@code handler}.
     *
     * @throws IOException when the address is unresolved or cannot be bound, for example because the port is taken
     */
    public static DaemonHttpServer start(String threadName, InetSocketAddress address, HttpHandler handler)
            throws IOException {
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve host '" + address.getHostString() + "'");
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        ThreadGroup group = new ThreadGroup(threadName);
        AtomicReference<HttpServer> started = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread starter = new Thread(group, () -> {
            try {
                HttpServer created = HttpServer.create(address, 16);
                created.createContext("/", handler);
                created.setExecutor(executor);
                created.start();
                started.set(created);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, threadName + "-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new IOException("interrupted while starting the server", e));
        }
        Throwable t = failure.get();
        if (t != null || started.get() == null) {
            executor.shutdownNow();
            if (started.get() != null) {
                started.get().stop(0);
            }
            throw t instanceof IOException io ? io : new IOException(String.valueOf(t), t);
        }
        nameServerThreads(group, starter, threadName);
        return new DaemonHttpServer(started.get(), executor);
    }

    private static void nameServerThreads(ThreadGroup group, Thread starter, String threadName) {
        Thread[] threads = new Thread[group.activeCount() + 8];
        int count = group.enumerate(threads);
        for (int i = 0; i < count; i++) {
            Thread thread = threads[i];
            if (thread != starter && !thread.getName().startsWith("perfweave-")) {
                thread.setName(threadName + "-" + thread.getName());
            }
        }
    }

    /** The address actually listened on; with port 0, the port chosen. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops listening at once and ends the server's threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
