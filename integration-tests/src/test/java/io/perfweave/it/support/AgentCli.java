package io.perfweave.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the agent jar's command line ({@code java -jar perfweave-agent.jar <command>}) on a JDK,
 * as a user would, and collects what it printed.
 */
public final class AgentCli {

    /** What one command did. */
    public record Result(int exitCode, String stdout, String stderr) {

        public String describe() {
            return "exit code " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }

        /** A number that {@code status} printed for a probe: {@code calls} or {@code method}. */
        public long probeFigure(String probe, String figure) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^  " + java.util.regex.Pattern.quote(probe)
                    + ": (\\d+) method\\(s\\), (\\d+) call\\(s\\), (\\d+) dropped", java.util.regex.Pattern.MULTILINE)
                    .matcher(stdout);
            if (!m.find()) {
                throw new AssertionError("status shows no probe '" + probe + "'\n" + describe());
            }
            return Long.parseLong(m.group(figure.equals("methods") ? 1 : figure.equals("calls") ? 2 : 3));
        }

        public boolean showsProbe(String probe) {
            return stdout.lines().anyMatch(line -> line.startsWith("  " + probe + ": "));
        }
    }

    private final Jdk jdk;
    private final List<String> prefix = new ArrayList<>();

    private AgentCli(Jdk jdk) {
        this.jdk = jdk;
    }

    public static AgentCli on(Jdk jdk) {
        return new AgentCli(jdk);
    }

    /** Runs the command as another user (as root, through {@code runuser}). */
    public AgentCli asUser(String user) {
        prefix.addAll(List.of("runuser", "-u", user, "--"));
        return this;
    }

    public Result run(Path workingDirectory, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(jdk.java().toString());
        command.add("-jar");
        command.add(AgentJvm.agentJar().toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("perfweave-cli", ".out");
            Path err = Files.createTempFile("perfweave-cli", ".err");
            try {
                Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(180, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("the command did not end: " + command);
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
