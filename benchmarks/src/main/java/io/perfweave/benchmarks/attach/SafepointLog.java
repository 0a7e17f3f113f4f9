package io.perfweave.benchmarks.attach;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM's own record of its safepoints, read from the file of {@code -Xlog:safepoint=info:file=<path>}.
 * The JVM writes a line at the end of every safepoint and flushes it at once, so the lines after a
 * remembered length are exactly the safepoints that ended since. Each line gives the operation and
 * the total time the application threads were stopped (reaching the safepoint included), in the same
 * form on JDK 17 and 25:
 * {@code Safepoint "RedefineClasses", Time since last: ... ns, Reaching safepoint: ... ns, ..., Total: 4326603 ns}.
 */
final class SafepointLog {

    /** The operation of {@code Instrumentation.retransformClasses}: one per batch of retransformed classes. */
    static final String REDEFINE_CLASSES = "RedefineClasses";
    private static final Pattern LINE = Pattern.compile("Safepoint \"([^\"]+)\".*?Total: (\\d+) ns");

    private final Path file;

    SafepointLog(Path file) {
        this.file = file;
    }

    /** Safepoints of one kind (or all of them) in a stretch of the log. */
    record Safepoints(int count, double longestMs, double totalMs) {

        static final Safepoints NONE = new Safepoints(0, 0, 0);

        Safepoints plus(long nanos) {
            return new Safepoints(count + 1, Math.max(longestMs, nanos / 1e6), totalMs + nanos / 1e6);
        }
    }

    /** The safepoints since a call of {@link #length}: all of them, and those of {@code RedefineClasses}. */
    record Since(Safepoints all, Safepoints redefinitions) {
    }

    long length() throws IOException {
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            return log.length();
        }
    }

    Since since(long length) throws IOException {
        byte[] tail;
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            tail = new byte[(int) (log.length() - length)];
            log.seek(length);
            log.readFully(tail);
        }
        return parse(new String(tail, StandardCharsets.UTF_8));
    }

    static Since parse(String lines) {
        Safepoints all = Safepoints.NONE;
        Safepoints redefinitions = Safepoints.NONE;
        Matcher line = LINE.matcher(lines);
        while (line.find()) {
            long nanos = Long.parseLong(line.group(2));
            all = all.plus(nanos);
            if (line.group(1).equals(REDEFINE_CLASSES)) {
                redefinitions = redefinitions.plus(nanos);
            }
        }
        return new Since(all, redefinitions);
    }
}
