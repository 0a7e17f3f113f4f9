package io.perfweave.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDKs every integration test runs on: 17 and 25, whichever of them runs the build.
 *
 * <p>A JDK is taken from {@code -Dperfweave.it.jdk<feature>=<home>}, is the one running the build,
 * or is found under {@code /usr/lib/jvm}. Without one of them the tests run on what there is,
 * except under {@code CI=true}, where a missing JDK is an error: CI must prove both.
 */
public final class Jdks {

    private static final int[] SUPPORTED = {17, 25};
    private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    private Jdks() {
    }

    /** For {@code @MethodSource("io.perfweave.it.support.Jdks#all")}. */
    public static List<Jdk> all() {
        List<Jdk> jdks = new ArrayList<>();
        for (int feature : SUPPORTED) {
            Optional<Jdk> jdk = find(feature);
            if (jdk.isPresent()) {
                jdks.add(jdk.get());
            } else if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but no JDK " + feature + " found: set -Dperfweave.it.jdk"
                        + feature + "=<java home> or install one under /usr/lib/jvm");
            }
        }
        if (jdks.isEmpty()) {
            jdks.add(new Jdk(Runtime.version().feature(), Path.of(System.getProperty("java.home"))));
        }
        return jdks;
    }

    /** For tests of virtual threads: the JDKs of {@link #all()} that have them (21 and later). */
    public static List<Jdk> withVirtualThreads() {
        List<Jdk> jdks = all().stream().filter(jdk -> jdk.feature() >= 21).toList();
        if (jdks.isEmpty()) {
            throw new IllegalStateException("no JDK 21 or later to test virtual threads on");
        }
        return jdks;
    }

    static Optional<Jdk> find(int feature) {
        String configured = System.getProperty("perfweave.it.jdk" + feature);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(new Jdk(feature, Path.of(configured)));
        }
        if (Runtime.version().feature() == feature) {
            return Optional.of(new Jdk(feature, Path.of(System.getProperty("java.home"))));
        }
        Path jvmDir = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvmDir)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvmDir)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> featureOf(home) == feature)
                    .sorted()
                    .findFirst()
                    .map(home -> new Jdk(feature, home));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int featureOf(Path home) {
        try {
            Matcher m = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
