package io.perfweave.agent.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code config.watch}: a daemon thread, {@code perfweave-config-watch}, that looks at the
 * configuration file's modification time and size once every {@value #POLL_MILLIS} ms and reloads
 * when they change. Polling rather than the JDK's {@code WatchService}: it sees a file that an
 * editor replaces by renaming, and files on network mounts, the same way, and one stat a second
 * costs nothing. A half-written file shows as configuration problems, which are logged and not
 * applied; the next poll sees the finished file.
 */
final class ConfigWatcher {

    static final long POLL_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger("perfweave.agent");

    private final Path file;
    private final Runnable reload;
    private final Thread thread;
    private volatile boolean stopped;
    private Object lastSeen;

    private ConfigWatcher(Path file, Runnable reload) {
        this.file = file;
        this.reload = reload;
        this.lastSeen = signature();
        this.thread = new Thread(this::run, "perfweave-config-watch");
        this.thread.setDaemon(true);
    }

    static ConfigWatcher start(Path file, Runnable reload) {
        ConfigWatcher watcher = new ConfigWatcher(file, reload);
        watcher.thread.start();
        return watcher;
    }

    private void run() {
        while (!stopped) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
            if (stopped) {
                return;
            }
            Object seen = signature();
            if (!Objects.equals(seen, lastSeen)) {
                lastSeen = seen;
                try {
                    reload.run();
                } catch (Throwable t) {
                    LOG.error("config.watch: reloading {} failed; the agent runs on with the configuration before", file, t);
                }
            }
        }
    }

    /** Modification time and size, or a marker for a file that is missing or unreadable just now. */
    private Object signature() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.lastModifiedTime() + "/" + attributes.size();
        } catch (NoSuchFileException e) {
            return "missing";
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /** Ends the thread and waits for it, so that no reload runs after this returns. */
    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
