package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.support.Jdks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent shares a JVM with an application that ships its own, different versions of the
 * libraries the agent bundles, and with the OpenTelemetry Java agent on the same method: the
 * application prints exactly what it prints alone, and every agent still produces its data.
 */
class CoexistenceIT {

    private static final String MAIN = "io.perfweave.coexist.LibraryApp";
    private static final String COMPUTE = "probe.compute.method = io.perfweave.coexist.Work#compute";
    private static final int CALLS = 300;

    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void theApplicationKeepsItsOwnLibrariesAndTheAgentStillCountsEveryCall(Jdk jdk) throws IOException {
        String alone = alone(jdk);
        assertThat(alone).contains("byte-buddy-1.14.19.jar", "asm-9.6.jar", "HdrHistogram-2.1.12.jar",
                "jctools-core-4.0.5.jar", "logback-classic-1.2.13.jar", "app: compute=" + CALLS);

        ChildRun run = AgentJvm.on(jdk, "coexist-libraries")
                .config(COMPUTE, "probe.app.method = " + MAIN + "#main")
                .main(MAIN, applicationClasspath(), String.valueOf(CALLS))
                .run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).isEqualTo(alone);
        assertThat(run.probe("compute").get("count").asLong()).isEqualTo(CALLS);
        assertThat(run.probe("app").get("count").asLong()).isEqualTo(1);
        // The agent logs through its own relocated SLF4J, never through the application's Logback.
        assertThat(run.stderr()).contains("[INFO] perfweave.agent - Perfweave");
    }

    static Stream<Arguments> jdksAndAgentOrders() {
        List<Arguments> cases = new ArrayList<>();
        for (Jdk jdk : Jdks.all()) {
            cases.add(Arguments.of(jdk, true));
            cases.add(Arguments.of(jdk, false));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, OpenTelemetry agent first: {1}")
    @MethodSource("jdksAndAgentOrders")
    void withTheOpenTelemetryAgentOnTheSameMethodBothProduceTheirData(Jdk jdk, boolean openTelemetryFirst)
            throws IOException {
        String alone = alone(jdk);
        String otelAgent = "-javaagent:" + openTelemetryAgent();
        AgentJvm jvm = AgentJvm.on(jdk, "coexist-otel").config(COMPUTE);
        if (openTelemetryFirst) {
            jvm.jvmOptionBeforeAgent(otelAgent);
        } else {
            jvm.jvmOption(otelAgent);
        }
        ChildRun run = jvm
                .systemProperty("otel.instrumentation.methods.include", "io.perfweave.coexist.Work[compute]")
                .systemProperty("otel.traces.exporter", "logging")
                .systemProperty("otel.metrics.exporter", "none")
                .systemProperty("otel.logs.exporter", "none")
                .main(MAIN, applicationClasspath(), String.valueOf(CALLS))
                .run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).isEqualTo(alone);
        assertThat(run.probe("compute").get("count").asLong()).as(run.describe()).isEqualTo(CALLS);
        long spans = run.stderr().lines()
                .filter(line -> line.contains("LoggingSpanExporter") && line.contains("'Work.compute'"))
                .count();
        assertThat(spans).as("spans exported by the OpenTelemetry agent; %s", run.describe()).isEqualTo(CALLS);
    }

    private static String alone(Jdk jdk) throws IOException {
        ChildRun run = AgentJvm.on(jdk, "coexist-alone").withoutAgent()
                .main(MAIN, applicationClasspath(), String.valueOf(CALLS))
                .run();
        assertThat(run.exitCode()).as(run.describe()).isZero();
        return run.stdout();
    }

    private static List<Path> applicationClasspath() throws IOException {
        Path target = Path.of(System.getProperty("perfweave.it.coexistenceApp", "../coexistence-app/target")).toAbsolutePath();
        List<Path> entries = new ArrayList<>();
        entries.add(target.resolve("perfweave-coexistence-app.jar"));
        try (Stream<Path> libraries = Files.list(target.resolve("lib"))) {
            libraries.sorted().forEach(entries::add);
        }
        return entries;
    }

    private static Path openTelemetryAgent() {
        Path jar = Path.of(System.getProperty("perfweave.it.otelAgent", "target/otel/opentelemetry-javaagent.jar"));
        assertThat(jar).as("the OpenTelemetry Java agent, copied from Maven Central by the build").isRegularFile();
        return jar.toAbsolutePath();
    }
}
