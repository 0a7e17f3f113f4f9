package io.perfweave.agent.control;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What the command line asks of the agent in a target JVM. The command line writes it to a file in
 * a directory only its user can read, and loads the agent with
 * {@code perfweave-command:<file>} as agent arguments; the agent answers with a {@link CommandReply}
 * in {@link #replyFile}. A file, rather than the agent arguments themselves, because the agent
 * arguments are one string of limited length and the answer needs a way back anyway.
 *
 * @param command          {@code attach}, {@code status}, {@code reload} or {@code detach}
 * @param clientVersion    the agent version of the command line: the agent refuses to serve another
 * @param configFile       {@code --config <file>}, absolute
 * @param arguments        {@code key=value} settings given after the configuration file
 * @param workingDirectory the command line's working directory, against which relative paths of
 *                         the configuration are resolved
 * @param replyFile        where the agent writes its {@link CommandReply}
 */
public record CommandRequest(String command, String clientVersion, Optional<Path> configFile, List<String> arguments,
                             Path workingDirectory, Path replyFile) {

    public static final String ATTACH = "attach";
    public static final String STATUS = "status";
    public static final String RELOAD = "reload";
    public static final String DETACH = "detach";

    public void write(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("command", command);
        properties.setProperty("version", clientVersion);
        configFile.ifPresent(path -> properties.setProperty("config", path.toString()));
        for (int i = 0; i < arguments.size(); i++) {
            properties.setProperty("argument." + (i + 1), arguments.get(i));
        }
        properties.setProperty("workingDirectory", workingDirectory.toString());
        properties.setProperty("reply", replyFile.toString());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "Perfweave command request");
        }
    }

    public static CommandRequest read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        List<String> arguments = new ArrayList<>();
        for (int i = 1; properties.containsKey("argument." + i); i++) {
            arguments.add(properties.getProperty("argument." + i));
        }
        return new CommandRequest(required(properties, "command", file), required(properties, "version", file),
                Optional.ofNullable(properties.getProperty("config")).map(Path::of), List.copyOf(arguments),
                Path.of(required(properties, "workingDirectory", file)), Path.of(required(properties, "reply", file)));
    }

    private static String required(Properties properties, String key, Path file) throws IOException {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IOException("malformed command request " + file + ": no " + key);
        }
        return value;
    }

    /**
     * The settings as agent arguments ({@code config=<file>,key=value,...}), the form the
     * configuration loader reads; like agent arguments, a value cannot contain a comma outside parentheses.
     */
    public String agentArguments() {
        List<String> parts = new ArrayList<>();
        configFile.ifPresent(path -> parts.add("config=" + path));
        parts.addAll(arguments);
        return String.join(",", parts);
    }
}
