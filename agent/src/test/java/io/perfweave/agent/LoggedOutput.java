package io.perfweave.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/**
 * What the agent logs while an action runs. In unit tests the agent logs through SLF4J's simple
 * logger, which writes to whatever {@code System.err} is when it logs, so swapping it catches the lines.
 */
public final class LoggedOutput {

    private LoggedOutput() {
    }

    public static String of(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(UTF_8);
    }
}
