package io.perfweave.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.boot.AgentClassLoader;
import io.perfweave.agent.probe.AllocationCounter;
import io.perfweave.agent.probe.ProbeRing;
import io.perfweave.agent.report.Reporter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The entry class, {@code io.perfweave.agent.boot} and the probe runtime are the only agent classes
 * outside the isolated agent class loader: the entry class is loaded by the application class
 * loader, the other two from the bootstrap class path, where neither the relocated libraries nor
 * the rest of the agent can be resolved. Reading their compiled classes proves they refer to
 * nothing but the JDK and their own level.
 */
class HotPathIsolationTest {

    private static final String PROBE = "io/perfweave/agent/probe/";
    private static final String BOOT = "io/perfweave/agent/boot/";
    private static final String ENTRY = "io/perfweave/agent/PerfweaveAgent";

    /** The compiled classes of the package of {@code anchor}, from the build output. */
    private static List<ClassReferences> classesOfPackageOf(Class<?> anchor) throws IOException, URISyntaxException {
        URL resource = anchor.getResource(anchor.getSimpleName() + ".class");
        assertThat(resource).isNotNull();
        assertThat(resource.getProtocol()).as("classes are read from the build output directory").isEqualTo("file");
        Path packageDirectory = Path.of(resource.toURI()).getParent();
        List<ClassReferences> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(packageDirectory)) {
            files.filter(f -> f.toString().endsWith(".class")).sorted().forEach(f -> classes.add(ClassReferences.of(f)));
        }
        return classes;
    }

    private static ClassReferences classOf(Class<?> type) throws IOException, URISyntaxException {
        URL resource = type.getResource(type.getSimpleName() + ".class");
        assertThat(resource).isNotNull();
        return ClassReferences.of(Path.of(resource.toURI()));
    }

    private static boolean isJdk(String internalName) {
        return internalName.startsWith("java/");
    }

    /**
     * The JDK's own extension of {@code java.lang.management} (module {@code jdk.management}, which
     * the bootstrap class loader defines), where the thread allocation counter is.
     */
    private static boolean isJdkManagement(String internalName) {
        return internalName.startsWith("com/sun/management/");
    }

    private static void assertOnlyReferences(ClassReferences references, Predicate<String> allowed) {
        assertThat(references.types)
                .as("types referenced by %s", references.className)
                .isNotEmpty()
                .allSatisfy(type -> assertThat(allowed.test(type))
                        .as("%s refers to %s", references.className, type)
                        .isTrue());
    }

    @Test
    void theProbeRuntimeRefersOnlyToTheJdkAndItself() throws Exception {
        List<ClassReferences> classes = classesOfPackageOf(ProbeRing.class);

        assertThat(classes).extracting(c -> c.className).contains(
                PROBE + "ProbeRing", PROBE + "ProbeRings", PROBE + "Probes", PROBE + "RecordConsumer",
                PROBE + "DrainedRecord", PROBE + "ProbeThread", PROBE + "AllocationCounter");
        for (ClassReferences references : classes) {
            assertOnlyReferences(references, type -> isJdk(type) || isJdkManagement(type) || type.startsWith(PROBE));
        }
    }

    @Test
    void theProbeRuntimeNeitherLogsNorLocks() throws Exception {
        List<String> forbiddenTypes = List.of("java/util/logging/", "java/lang/System$Logger",
                "java/lang/System$LoggerFinder", "java/util/concurrent/locks/", "java/io/PrintStream");
        List<String> forbiddenMembers = List.of("java/lang/System.out", "java/lang/System.err",
                "java/lang/Throwable.printStackTrace", "java/lang/Object.wait", "java/lang/Thread.sleep");

        for (ClassReferences references : classesOfPackageOf(ProbeRing.class)) {
            assertThat(references.types).as("types referenced by %s", references.className)
                    .noneMatch(type -> forbiddenTypes.stream().anyMatch(type::startsWith));
            assertThat(references.members).as("members used by %s", references.className)
                    .doesNotContainAnyElementsOf(forbiddenMembers);
        }
    }

    @Test
    void theBootstrapHelpersReferOnlyToTheJdkAndThemselves() throws Exception {
        List<ClassReferences> classes = classesOfPackageOf(AgentClassLoader.class);

        assertThat(classes).extracting(c -> c.className).contains(BOOT + "AgentClassLoader");
        for (ClassReferences references : classes) {
            assertOnlyReferences(references, type -> isJdk(type) || type.startsWith(BOOT));
        }
    }

    @Test
    void theEntryClassRefersOnlyToTheJdkAndTheBootstrapHelpers() throws Exception {
        ClassReferences entry = classOf(PerfweaveAgent.class);

        assertThat(entry.className).isEqualTo(ENTRY);
        assertOnlyReferences(entry, type -> isJdk(type) || type.startsWith(BOOT)
                || type.equals(ENTRY) || type.startsWith(ENTRY + "$"));
    }

    /** The check above could not fail if the reader missed references: show it finds the ones it must reject. */
    @Test
    void theReaderFindsLibraryLockAndMemberReferences() throws Exception {
        ClassReferences reporter = classOf(Reporter.class);
        ClassReferences ring = classOf(ProbeRing.class);

        assertThat(reporter.types).contains("org/slf4j/Logger", "java/util/concurrent/locks/LockSupport",
                "io/perfweave/agent/config/ProbeSpec");
        assertThat(reporter.members).contains("java/util/concurrent/locks/LockSupport.parkNanos");
        assertThat(ring.types).contains("java/lang/invoke/VarHandle", "java/lang/ref/WeakReference");
        assertThat(ring.members).contains("java/lang/invoke/VarHandle.setRelease");
        assertThat(classOf(AllocationCounter.class).types).contains("com/sun/management/ThreadMXBean");
    }
}
