package io.perfweave.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** {@code promtool check metrics}, run on a scrape: it must accept it without a single finding. */
public final class Promtool {

    private Promtool() {
    }

    public static void assertAccepts(Path promtool, String exposition, Path directory) throws IOException {
        Path output = directory.resolve("promtool.txt");
        Process process = new ProcessBuilder(promtool.toString(), "check", "metrics")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        await("promtool").atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
        assertThat(process.exitValue()).as("promtool check metrics: %s", Files.readString(output)).isZero();
        assertThat(Files.readString(output)).as("promtool's findings").isBlank();
    }
}
