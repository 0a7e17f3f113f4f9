package io.perfweave.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.core.AgentVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CommandLine.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "--help", "-h"})
    void helpPrintsTheUsageAndSucceeds(String command) {
        assertThat(run(command)).isZero();

        assertThat(out()).contains("-javaagent:perfweave-agent.jar").contains("Commands:").contains("version");
        assertThat(err()).isEmpty();
    }

    @Test
    void noCommandPrintsTheUsage() {
        assertThat(run()).isZero();

        assertThat(out()).isEqualTo(CommandLine.usage() + System.lineSeparator());
    }

    @ParameterizedTest
    @ValueSource(strings = {"version", "--version"})
    void versionPrintsTheBuildVersion(String command) {
        assertThat(run(command)).isZero();

        assertThat(AgentVersion.get()).isNotEqualTo("unknown").doesNotContain("${");
        assertThat(out().strip()).isEqualTo("perfweave " + AgentVersion.get());
        assertThat(err()).isEmpty();
    }

    @Test
    void anUnknownCommandFailsWithUsageExitCodeAndSaysWhy() {
        assertThat(run("frobnicate", "--now")).isEqualTo(2);

        assertThat(err()).startsWith("perfweave: unknown command 'frobnicate'").contains("Commands:");
        assertThat(out()).isEmpty();
    }
}
