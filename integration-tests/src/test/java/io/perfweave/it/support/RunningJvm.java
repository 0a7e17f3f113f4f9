package io.perfweave.it.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A child JVM that is still running; {@link #awaitExit} turns it into a {@link ChildRun}. */
public final class RunningJvm implements AutoCloseable {

    private final Process process;
    private final Path directory;

    RunningJvm(Process process, Path directory) {
        this.process = process;
        this.directory = directory;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path directory() {
        return directory;
    }

    /** What the child has written to stderr so far. */
    public String stderrSoFar() {
        return read(directory.resolve("stderr.txt"));
    }

    public String stdoutSoFar() {
        return read(directory.resolve("stdout.txt"));
    }

    /** The child's process id, for the attach commands. */
    public long pid() {
        return process.pid();
    }

    /** Writes one line to the child's standard input, for workloads driven by commands. */
    public void send(String line) {
        try {
            process.getOutputStream().write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends a command to a workload that answers each with one line starting {@code it: <answerPrefix>},
     * and waits for that answer.
     *
     * @return the answer, without {@code it: }
     */
    public String ask(String command, String answerPrefix) {
        String marker = "it: " + answerPrefix;
        long before = stdoutSoFar().lines().filter(l -> l.startsWith(marker)).count();
        send(command);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> stdoutSoFar().lines().filter(l -> l.startsWith(marker)).count() > before);
        return stdoutSoFar().lines().filter(l -> l.startsWith(marker)).skip(before).findFirst().orElseThrow()
                .substring("it: ".length());
    }

    /** Closes the child's standard input: workloads that wait for it then finish. */
    public void closeInput() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asks the child to stop as a service manager would (SIGTERM): its shutdown hooks, the agent's final report among them, run. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the child to exit (killing it if it outlives {@code timeout}) and collects what it left. */
    public ChildRun awaitExit(Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> !process.isAlive());
        } finally {
            close();
        }
        return new ChildRun(process.exitValue(), stdoutSoFar(), stderrSoFar(), directory, directory.resolve("report.json"));
    }

    /** Kills the child if it still runs; for {@code finally} blocks. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
