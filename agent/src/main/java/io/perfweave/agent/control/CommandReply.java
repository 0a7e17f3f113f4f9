package io.perfweave.agent.control;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The agent's answer to a {@link CommandRequest}: the exit code the command line ends with, and the
 * text it prints (on stdout for exit code 0, on stderr otherwise).
 */
public record CommandReply(int exitCode, String text) {

    public static final int OK = 0;
    /** Bad usage, or a configuration with problems (the target is left unchanged). */
    public static final int BAD_INPUT = 2;
    /** The target cannot be reached: no such process, attach disabled, another user's JVM. */
    public static final int UNREACHABLE = 3;
    /**
     * The agent's state forbids the command: not attached ({@code status}, {@code reload},
     * {@code detach}), already attached ({@code attach}), or attached in another version.
     */
    public static final int WRONG_STATE = 4;

    public static CommandReply ok(String text) {
        return new CommandReply(OK, text);
    }

    /** Written whole or not at all: the command line reads it as soon as loading the agent returns. */
    public void write(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("exitCode", Integer.toString(exitCode));
        properties.setProperty("text", text);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            properties.store(out, "Perfweave command reply");
        }
        try {
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** @return empty when the agent wrote no reply */
    public static Optional<CommandReply> read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CommandReply(Integer.parseInt(properties.getProperty("exitCode", "")),
                    properties.getProperty("text", "")));
        } catch (NumberFormatException e) {
            throw new IOException("malformed reply " + file + ": no exit code");
        }
    }
}
