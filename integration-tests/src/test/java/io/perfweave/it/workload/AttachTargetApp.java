package io.perfweave.it.workload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A JVM started without the agent, for the attach tests, driven line by line on its standard input.
 * Every command answers with one line starting {@code it: }:
 * <ul>
 *   <li>{@code run <n>}: calls {@link Calculator#add(int, int)}, {@link Calculator#multiply} and
 *       {@link Calculator#hash} n times each; {@code it: ran <n>};</li>
 *   <li>{@code threads}: {@code it: threads=<names of the live threads, comma separated>};</li>
 *   <li>{@code stats}: after garbage collections, {@code it: stats loaded=<classes loaded now>
 *       unloaded=<classes unloaded so far> metaspace=<bytes used> threads=<live threads>};</li>
 *   <li>{@code load-jdk}: loads (without initializing) every class of a few large JDK modules;
 *       {@code it: loaded-jdk=<n>};</li>
 *   <li>{@code gaps-start} and {@code gaps-stop}: a thread that wakes every 100 microseconds and
 *       keeps the longest time between two wake-ups: how long it was held up;
 *       {@code it: max-gap-us=<n>};</li>
 *   <li>{@code quit}: {@code it: bye}, then the JVM exits.</li>
 * </ul>
 */
public final class AttachTargetApp {

    private static final String[] LARGE_MODULES = {"java.desktop", "java.sql", "java.xml", "java.management",
        "java.naming", "java.net.http"};
    private static volatile long sink;
    private static volatile boolean measuringGaps;
    private static volatile long maxGapNanos;

    private AttachTargetApp() {
    }

    public static void main(String[] args) throws Exception {
        Calculator calculator = new Calculator();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("it: ready");
        System.out.flush();
        Thread gaps = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.strip().split(" ");
            switch (words[0]) {
                case "run" -> {
                    int n = Integer.parseInt(words[1]);
                    long local = 0;
                    for (int i = 0; i < n; i++) {
                        local += calculator.add(i, 1);
                        local += calculator.multiply(i, 3);
                        local += Calculator.hash("x" + (i & 7));
                    }
                    sink = local;
                    answer("ran " + n);
                }
                case "threads" -> {
                    List<String> names = new ArrayList<>();
                    Thread.getAllStackTraces().keySet().forEach(thread -> names.add(thread.getName()));
                    answer("threads=" + String.join(",", names));
                }
                case "stats" -> answer("stats " + stats());
                case "load-jdk" -> answer("loaded-jdk=" + loadJdkClasses());
                case "gaps-start" -> {
                    maxGapNanos = 0;
                    measuringGaps = true;
                    gaps = new Thread(AttachTargetApp::measureGaps, "gap-measurement");
                    gaps.start();
                    answer("gaps-started");
                }
                case "gaps-stop" -> {
                    measuringGaps = false;
                    gaps.join();
                    answer("max-gap-us=" + maxGapNanos / 1000);
                }
                case "quit" -> {
                    answer("bye");
                    return;
                }
                default -> answer("unknown command " + line);
            }
        }
    }

    private static void answer(String text) {
        System.out.println("it: " + text);
        System.out.flush();
    }

    private static String stats() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        long metaspace = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                metaspace = pool.getUsage().getUsed();
            }
        }
        return "loaded=" + classes.getLoadedClassCount() + " unloaded=" + classes.getUnloadedClassCount()
                + " metaspace=" + metaspace + " threads=" + ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static int loadJdkClasses() throws IOException {
        int loaded = 0;
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        for (String module : LARGE_MODULES) {
            Path root = jrt.getPath("/modules", module);
            List<Path> classFiles;
            try (Stream<Path> files = Files.walk(root)) {
                classFiles = files.filter(p -> p.toString().endsWith(".class") && !p.toString().endsWith("module-info.class"))
                        .toList();
            }
            for (Path file : classFiles) {
                String name = root.relativize(file).toString().replace('/', '.');
                try {
                    Class.forName(name.substring(0, name.length() - ".class".length()), false,
                            ClassLoader.getPlatformClassLoader());
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // not loadable on its own (a missing optional dependency): left out
                }
            }
        }
        return loaded;
    }

    private static void measureGaps() {
        long last = System.nanoTime();
        while (measuringGaps) {
            LockSupport.parkNanos(100_000);
            long now = System.nanoTime();
            maxGapNanos = Math.max(maxGapNanos, now - last);
            last = now;
        }
    }
}
