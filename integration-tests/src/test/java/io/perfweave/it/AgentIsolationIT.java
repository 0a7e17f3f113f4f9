package io.perfweave.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.it.support.AgentJvm;
import io.perfweave.it.support.ChildRun;
import io.perfweave.it.support.Jdk;
import io.perfweave.it.workload.IsolationProbeApp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The agent jar's shape: entry points in the manifest, libraries relocated, internals out of the application's reach. */
class AgentIsolationIT {

    private static final List<String> LIBRARY_PACKAGES =
            List.of("net/bytebuddy/", "org/HdrHistogram/", "org/slf4j/", "com/fasterxml/", "org/objectweb/asm/", "org/jctools/");

    @Test
    void manifestDeclaresEveryEntryPoint() throws IOException {
        try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Premain-Class")).isEqualTo("io.perfweave.agent.PerfweaveAgent");
            assertThat(manifest.getValue("Agent-Class")).isEqualTo("io.perfweave.agent.PerfweaveAgent");
            assertThat(manifest.getValue("Main-Class")).isEqualTo("io.perfweave.agent.PerfweaveAgent");
            assertThat(manifest.getValue("Can-Retransform-Classes")).isEqualTo("true");
        }
    }

    @Test
    void bundledLibrariesAreRelocatedAndInternalsAreNotOrdinaryClasses() throws IOException {
        List<String> entries = new ArrayList<>();
        try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
            for (ZipEntry entry : Collections.list(jar.entries())) {
                entries.add(entry.getName());
            }
        }
        List<String> rootClasses = entries.stream().filter(e -> e.endsWith(".class")).toList();
        assertThat(rootClasses).allSatisfy(name -> assertThat(name).matches(
                "io/perfweave/agent/(PerfweaveAgent|boot/[A-Za-z$]+|probe/[A-Za-z$]+)\\.class"));
        assertThat(rootClasses).contains("io/perfweave/agent/probe/Probes.class");
        assertThat(entries).anyMatch(e -> e.startsWith("perfweave-internal/io/perfweave/agent/shaded/bytebuddy/"));
        assertThat(entries).anyMatch(e -> e.startsWith("perfweave-internal/io/perfweave/agent/shaded/hdrhistogram/"));
        for (String entry : entries) {
            for (String library : LIBRARY_PACKAGES) {
                assertThat(entry).as("unrelocated library entry").doesNotContain(library);
            }
            if (entry.startsWith("perfweave-internal/") && entry.contains(".class")) {
                assertThat(entry).endsWith(".classdata").startsWith("perfweave-internal/io/perfweave/agent/");
            }
        }
    }

    /**
     * What the application can load: the jar's root classes and nothing else. {@code -javaagent} puts the
     * jar on the application class path, so the entry class (loaded there by the JVM to call
     * {@code premain}) is the application loader's; {@code premain} appends the jar to the bootstrap class
     * path, so the probe runtime and the boot classes, JDK types only, come from the bootstrap loader,
     * which every loader reaches first. Everything else is stored as {@code .classdata} and stays unloadable.
     */
    @ParameterizedTest
    @MethodSource("io.perfweave.it.support.Jdks#all")
    void theApplicationSeesOnlyTheEntryClassTheBootClassesAndTheProbeRuntime(Jdk jdk) {
        ChildRun run = AgentJvm.on(jdk, "isolation")
                .config("probe.nothing.method = com.nowhere.Nothing#run")
                .main(IsolationProbeApp.class,
                        "io.perfweave.agent.PerfweaveAgent",
                        "io.perfweave.agent.boot.AgentBridge",
                        "io.perfweave.agent.probe.Probes",
                        "io.perfweave.agent.config.ConfigLoader",
                        "io.perfweave.agent.shaded.bytebuddy.ByteBuddy",
                        "io.perfweave.agent.shaded.hdrhistogram.Histogram",
                        "net.bytebuddy.ByteBuddy",
                        "org.HdrHistogram.Histogram")
                .run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.printed("it: ", "loadable io.perfweave.agent.PerfweaveAgent")).isEqualTo(1);
        assertThat(run.printed("it: ", "loadable io.perfweave.agent.boot.AgentBridge")).isEqualTo(1);
        assertThat(run.printed("it: ", "loadable io.perfweave.agent.probe.Probes")).isEqualTo(1);
        assertThat(run.stdout()).contains("it: loader io.perfweave.agent.PerfweaveAgent application",
                "it: loader io.perfweave.agent.boot.AgentBridge bootstrap", "it: loader io.perfweave.agent.probe.Probes bootstrap");
        assertThat(run.printed("it: ", "loadable io.perfweave.agent.config.ConfigLoader")).isZero();
        assertThat(run.printed("it: ", "loadable io.perfweave.agent.shaded.bytebuddy.ByteBuddy")).isZero();
        assertThat(run.printed("it: ", "loadable io.perfweave.agent.shaded.hdrhistogram.Histogram")).isZero();
        assertThat(run.printed("it: ", "loadable net.bytebuddy.ByteBuddy")).isZero();
        assertThat(run.printed("it: ", "loadable org.HdrHistogram.Histogram")).isZero();
        assertThat(run.stdout()).as("agent threads are named perfweave-... and never keep the JVM alive")
                .contains("it: thread perfweave-reporter daemon=true")
                .doesNotContainPattern("it: thread (?!perfweave-)\\S*perfweave");
    }
}
