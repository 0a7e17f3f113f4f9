package io.perfweave.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a finished child JVM left behind: exit code, output, and the agent's JSON report. */
public record ChildRun(int exitCode, String stdout, String stderr, Path directory, Path reportPath) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonNode report() {
        try {
            return JSON.readTree(reportPath.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("no readable JSON report at " + reportPath + "\n" + describe(), e);
        }
    }

    /** The report entry of one probe. */
    public JsonNode probe(String name) {
        for (JsonNode probe : report().get("probes")) {
            if (probe.get("name").asText().equals(name)) {
                return probe;
            }
        }
        throw new AssertionError("no probe '" + name + "' in the report\n" + describe());
    }

    /** A number the child printed as {@code <prefix><key>=<n>}. */
    public long printed(String prefix, String key) {
        Matcher m = Pattern.compile("^" + Pattern.quote(prefix + key) + "=(-?\\d+)$", Pattern.MULTILINE).matcher(stdout);
        if (!m.find()) {
            throw new AssertionError("the child did not print " + prefix + key + "=<n>\n" + describe());
        }
        return Long.parseLong(m.group(1));
    }

    public boolean hasReport() {
        return Files.isRegularFile(reportPath);
    }

    /** Everything useful in an assertion message. */
    public String describe() {
        return "exit code " + exitCode + " in " + directory + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }

    public Optional<String> stderrLineContaining(String text) {
        return stderr.lines().filter(line -> line.contains(text)).findFirst();
    }
}
