package io.perfweave.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code .properties} file keeping the line number of every entry, which
 * {@link java.util.Properties} throws away and our error messages need.
 *
 * <p>Follows the {@code java.util.Properties} syntax: {@code #} and {@code !} comments,
 * {@code =}, {@code :} or white space between key and value, a trailing backslash continues the
 * line, and the escapes of that format (a backslash before t, n, r, f, a backslash, =, :, or before
 * u and four hex digits). The file is read as UTF-8.
 */
public final class PropertiesFileReader {

    private PropertiesFileReader() {
    }

    /** The entries of a file, and the lines that could not be read as an entry. */
    public record Result(List<ConfigEntry> entries, List<ConfigProblem> problems) {
    }

    public static Result read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    static Result parse(List<String> lines, String fileName) {
        List<ConfigEntry> entries = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int firstLine = i + 1;
            String line = stripLeading(lines.get(i));
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == '!') {
                continue;
            }
            StringBuilder logical = new StringBuilder();
            while (endsWithContinuation(line) && i + 1 < lines.size()) {
                logical.append(line, 0, line.length() - 1);
                line = stripLeading(lines.get(++i));
            }
            logical.append(endsWithContinuation(line) ? line.substring(0, line.length() - 1) : line);
            String location = fileName + ":" + firstLine;
            try {
                entries.add(split(logical.toString(), location));
            } catch (MalformedEscapeException e) {
                problems.add(new ConfigProblem(location, null, "malformed \\uXXXX escape; the line is ignored"));
            }
        }
        return new Result(entries, problems);
    }

    private static ConfigEntry split(String line, String location) {
        int keyEnd = 0;
        while (keyEnd < line.length()) {
            char c = line.charAt(keyEnd);
            if (c == '\\') {
                keyEnd += 2;
                continue;
            }
            if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                break;
            }
            keyEnd++;
        }
        keyEnd = Math.min(keyEnd, line.length());
        int valueStart = keyEnd;
        while (valueStart < line.length() && Character.isWhitespace(line.charAt(valueStart))) {
            valueStart++;
        }
        if (valueStart < line.length() && (line.charAt(valueStart) == '=' || line.charAt(valueStart) == ':')) {
            valueStart++;
        }
        String key = unescape(line.substring(0, keyEnd));
        String value = unescape(stripLeading(line.substring(valueStart))).strip();
        return new ConfigEntry(key, value, location);
    }

    private static boolean endsWithContinuation(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static String stripLeading(String s) {
        return s.stripLeading();
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char next = s.charAt(++i);
            switch (next) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (isHex(s, i + 1)) {
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    } else {
                        throw new MalformedEscapeException();
                    }
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    private static final class MalformedEscapeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedEscapeException() {
            super(null, null, false, false);
        }
    }

    private static boolean isHex(String s, int from) {
        if (from + 4 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 4; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
