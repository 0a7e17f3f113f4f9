package io.perfweave.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a child JVM with the built agent jar, the way a user would: {@code -javaagent:<jar>=<args>},
 * in a fresh directory of its own, with {@code -Xverify:all} so that any bytecode the agent weaves
 * is fully verified. The test waits for the child with Awaitility and reads what it left behind.
 */
public final class AgentJvm {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

    private final Jdk jdk;
    private final Path directory;
    private final List<String> agentArguments = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final List<String> command = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> optionsBeforeAgent = new ArrayList<>();
    private final List<String> classpath = new ArrayList<>();
    private boolean withAgent = true;

    private AgentJvm(Jdk jdk, String testName) {
        this.jdk = jdk;
        try {
            Path root = Path.of(System.getProperty("perfweave.it.workDir", "target/it-work"));
            Files.createDirectories(root);
            this.directory = Files.createTempDirectory(root, testName + "-jdk" + jdk.feature() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        agentArguments.add("report.json=" + directory.resolve("report.json"));
    }

    public static AgentJvm on(Jdk jdk, String testName) {
        return new AgentJvm(jdk, testName);
    }

    public static Path agentJar() {
        Path jar = Path.of(System.getProperty("perfweave.it.agentJar", "../agent/target/perfweave-agent.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("agent jar not built: " + jar.toAbsolutePath());
        }
        return jar.toAbsolutePath();
    }

    public static Path sampleAppJar() {
        return Path.of(System.getProperty("perfweave.it.sampleJar", "../sample-app/target/perfweave-sample-app.jar"))
                .toAbsolutePath();
    }

    public Path directory() {
        return directory;
    }

    /** Writes {@code perfweave.properties} in the child's directory and names it with {@code config=}. */
    public AgentJvm config(String... lines) {
        Path file = directory.resolve("perfweave.properties");
        try {
            Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        agentArguments.add(0, "config=" + file);
        return this;
    }

    public AgentJvm agentArgument(String keyValue) {
        agentArguments.add(keyValue);
        return this;
    }

    public AgentJvm systemProperty(String key, String value) {
        systemProperties.put(key, value);
        return this;
    }

    /** Adds a JVM option placed before this agent's {@code -javaagent}: another agent that must load first. */
    public AgentJvm jvmOptionBeforeAgent(String option) {
        optionsBeforeAgent.add(option);
        return this;
    }

    /** Adds a JVM option, placed after {@code -javaagent}. */
    public AgentJvm jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    public AgentJvm withoutAgent() {
        withAgent = false;
        return this;
    }

    /** Adds the jars (or class folders) of these classes to the class path of a later {@link #main}. */
    public AgentJvm classpathOf(Class<?>... types) {
        for (Class<?> type : types) {
            classpath.add(classpathOf(type));
        }
        return this;
    }

    /** Adds a jar or class folder to the class path of a later {@link #main}. */
    public AgentJvm classpathEntry(Path entry) {
        classpath.add(entry.toAbsolutePath().toString());
        return this;
    }

    /** Runs a main class from this module's test classes, with agent-api (and any {@link #classpathOf}) on the class path. */
    public AgentJvm main(Class<?> mainClass, String... args) {
        command.add("-cp");
        List<String> entries = new ArrayList<>(List.of(classpathOf(mainClass), classpathOf(io.perfweave.api.Profiled.class)));
        entries.addAll(classpath);
        command.add(String.join(File.pathSeparator, entries));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return this;
    }

    /** Runs a main class from these jars alone, without this module's test classes or agent-api. */
    public AgentJvm main(String mainClass, List<Path> classpathEntries, String... args) {
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpathEntries.stream().map(Path::toString).toList()));
        command.add(mainClass);
        command.addAll(List.of(args));
        return this;
    }

    /** Runs an executable jar. */
    public AgentJvm jar(Path jar, String... args) {
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return this;
    }

    public ChildRun run() {
        return run(DEFAULT_TIMEOUT);
    }

    public ChildRun run(Duration timeout) {
        return start().awaitExit(timeout);
    }

    /**
     * Starts the child and returns at once, for tests that talk to it while it runs. Its standard
     * input stays open until {@link RunningJvm#closeInput()}, which workloads may wait for.
     */
    public RunningJvm start() {
        List<String> full = new ArrayList<>();
        full.add(jdk.java().toString());
        full.add("-Xverify:all");
        full.addAll(optionsBeforeAgent);
        if (withAgent) {
            full.add("-javaagent:" + agentJar() + "=" + String.join(",", agentArguments));
        }
        full.addAll(jvmOptions);
        systemProperties.forEach((key, value) -> full.add("-D" + key + "=" + value));
        full.addAll(command);
        try {
            Files.writeString(directory.resolve("command.txt"), String.join(" ", full));
            Process process = new ProcessBuilder(full)
                    .directory(directory.toFile())
                    .redirectOutput(directory.resolve("stdout.txt").toFile())
                    .redirectError(directory.resolve("stderr.txt").toFile())
                    .start();
            return new RunningJvm(process, directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String classpathOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
