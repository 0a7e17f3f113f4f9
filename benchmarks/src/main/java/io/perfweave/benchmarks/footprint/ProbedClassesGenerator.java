package io.perfweave.benchmarks.footprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Writes and compiles the footprint benchmark's workload: classes with {@value #METHODS_PER_CLASS}
 * small static methods each, as many methods as the largest probe count asks, an {@code AllProbes}
 * class that calls every one of them once per round, and one agent configuration per probe count
 * with one probe per method. Generated at run time by {@code scripts/benchmarks.sh} rather than
 * checked in: a thousand near-identical methods are not worth reading, and the count is a parameter.
 *
 * <p>The attach benchmark uses the same classes as a large application class path: it asks for a
 * number of classes ({@code --classes}) and attaches with {@code probes-all.properties}, one broad
 * probe whose pattern matches every method of every generated class.
 *
 * <p>Arguments: output directory (gets {@code classes/}, {@code probes-all.properties} and one
 * {@code probes-<n>.properties} per probe count), optionally {@code --classes <n>} for at least that
 * many classes, then the probe counts, e.g. {@code 10 100 1000}.
 */
public final class ProbedClassesGenerator {

    static final String PACKAGE = "io.perfweave.benchmarks.generated";
    public static final String ALL_PROBES = PACKAGE + ".AllProbes";
    /** The constant of {@code AllProbes} that says how many methods one round calls. */
    static final String CALLS_PER_ROUND = "CALLS_PER_ROUND";
    static final int METHODS_PER_CLASS = 10;
    /** The broad pattern of {@code probes-all.properties}: every method of every generated class. */
    static final String ALL_METHODS = PACKAGE + ".Probed*#*";

    private ProbedClassesGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path out = args.length < 2 ? null : Path.of(args[0]);
        int leastClasses = 0;
        List<Integer> counts = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--classes") && i + 1 < args.length) {
                leastClasses = Integer.parseInt(args[++i]);
            } else {
                counts.add(Integer.parseInt(args[i]));
            }
        }
        int methods = counts.stream().mapToInt(Integer::intValue).max().orElse(0);
        int classes = Math.max(leastClasses, (methods + METHODS_PER_CLASS - 1) / METHODS_PER_CLASS);
        if (out == null || classes == 0) {
            System.err.println("usage: ProbedClassesGenerator <output directory> [--classes <n>] <probe count>...");
            System.exit(2);
        }
        List<Path> sources = writeSources(out.resolve("src"), classes);
        compile(sources, out.resolve("classes"));
        for (int count : counts) {
            Files.writeString(out.resolve("probes-" + count + ".properties"), configuration(count));
        }
        Files.writeString(out.resolve("probes-all.properties"), "# Attach benchmark (scripts/benchmarks.sh): one probe"
                + " matching every method of the " + classes + " generated classes.\nprobe.all.method = " + ALL_METHODS
                + "\nreport.console = false\n");
        System.out.println("generated " + classes * METHODS_PER_CLASS + " methods in " + classes + " classes under " + out);
    }

    private static List<Path> writeSources(Path root, int classes) throws IOException {
        Path dir = root.resolve(PACKAGE.replace('.', '/'));
        Files.createDirectories(dir);
        List<Path> sources = new ArrayList<>();
        StringBuilder all = new StringBuilder("package " + PACKAGE + ";\n\n"
                + "public final class AllProbes implements java.util.function.IntUnaryOperator {\n"
                + "    public static final int " + CALLS_PER_ROUND + " = " + classes * METHODS_PER_CLASS + ";\n\n"
                + "    @Override\n    public int applyAsInt(int x) {\n");
        for (int c = 0; c < classes; c++) {
            String name = className(c);
            StringBuilder source = new StringBuilder("package " + PACKAGE + ";\n\npublic final class " + name + " {\n");
            StringBuilder round = new StringBuilder("    static int round(int x) {\n");
            for (int m = 0; m < METHODS_PER_CLASS; m++) {
                // Distinct constants so that no two methods are the same code.
                source.append("    public static int m").append(m).append("(int x) {\n        return x * 31 + ")
                        .append(c * METHODS_PER_CLASS + m).append(";\n    }\n");
                round.append("        x = m").append(m).append("(x);\n");
            }
            source.append(round).append("        return x;\n    }\n}\n");
            Path file = dir.resolve(name + ".java");
            Files.writeString(file, source);
            sources.add(file);
            all.append("        x = ").append(name).append(".round(x);\n");
        }
        all.append("        return x;\n    }\n}\n");
        Path file = dir.resolve("AllProbes.java");
        Files.writeString(file, all);
        sources.add(file);
        return sources;
    }

    private static void compile(List<Path> sources, Path classes) throws IOException {
        Files.createDirectories(classes);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler: run the generator with a JDK, not a JRE");
        }
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-d", classes.toString()));
        sources.forEach(source -> arguments.add(source.toString()));
        int status = compiler.run(null, null, null, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new UncheckedIOException(new IOException("javac failed with status " + status));
        }
    }

    private static String configuration(int probes) {
        StringBuilder config = new StringBuilder("# Footprint benchmark (scripts/benchmarks.sh): " + probes
                + " probes, one per generated method; every one is called each round.\n");
        for (int i = 0; i < probes; i++) {
            config.append(String.format(Locale.ROOT, "probe.p%04d.method = %s.%s#m%d%n", i, PACKAGE,
                    className(i / METHODS_PER_CLASS), i % METHODS_PER_CLASS));
        }
        config.append("reporter.interval = 1s\n");
        return config.toString();
    }

    private static String className(int index) {
        return String.format(Locale.ROOT, "Probed%04d", index);
    }
}
