package io.perfweave.it.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A program the tests need from the machine, such as Debian's {@code prometheus} and {@code promtool},
 * or {@code chromium} and {@code chromedriver} ({@code .ci/run} installs them). On a developer's
 * machine without it the test is skipped with the reason; under {@code CI=true} a missing tool fails
 * the test, so CI cannot pass without running it.
 */
public final class ExternalTool {

    private ExternalTool() {
    }

    /** A program of Debian's {@code prometheus} package. */
    public static Path require(String name) {
        return require(name, "prometheus");
    }

    /** @param debianPackage the Debian package that installs the program, for the message */
    public static Path require(String name, String debianPackage) {
        Optional<Path> found = find(name);
        if (found.isEmpty()) {
            String reason = name + " is not on the PATH: install Debian's '" + debianPackage + "' package"
                    + " (apt-get install " + debianPackage + "), as .ci/run does";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but " + reason);
            }
            assumeTrue(false, reason);
        }
        return found.get();
    }

    static Optional<Path> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
