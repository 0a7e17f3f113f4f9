package io.perfweave.it.workload;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;

/**
 * A JVM started without the agent whose probed classes come from every kind of class loader, for
 * attaching to classes that are loaded and running already. Before it reads any command it loads
 * and calls {@code java.util.UUID#toString} (bootstrap loader, java.base), {@code java.sql.Timestamp#toString}
 * (platform loader, java.sql), {@link IsolatedTask#getAsInt} through a custom class loader whose
 * parent is the platform loader (loaded by name, so the application loader never loads it) and
 * {@link Calculator#add(int, int)} (application loader), 100 times each.
 *
 * <p>Driven line by line on its standard input; every command answers with one line starting {@code it: }:
 * <ul>
 *   <li>{@code use <n>}: calls each of the four methods above n times; {@code it: used <n>};</li>
 *   <li>{@code calc <a> <m>}: calls {@link Calculator#add(int, int)} a times and
 *       {@link Calculator#multiply} m times; {@code it: calculated <a> <m>};</li>
 *   <li>{@code task <class> <n>}: loads the named {@link IntSupplier} through the application loader
 *       (the first time it is asked for), then calls {@code getAsInt} n times;
 *       {@code it: task <class> <n>};</li>
 *   <li>{@code quit}: {@code it: bye}, then the JVM exits.</li>
 * </ul>
 */
public final class LoadedClassesApp {

    private static final int CALLS_BEFORE_ANY_COMMAND = 100;
    private static volatile long sink;

    private final UUID uuid = new UUID(42, 7);
    private final Timestamp timestamp = new Timestamp(1_700_000_000_000L);
    private final Calculator calculator = new Calculator();
    private final IntSupplier isolated;
    private final Map<String, IntSupplier> tasks = new HashMap<>();

    private LoadedClassesApp(IntSupplier isolated) {
        this.isolated = isolated;
    }

    public static void main(String[] args) throws Exception {
        URL classes = LoadedClassesApp.class.getProtectionDomain().getCodeSource().getLocation();
        // Never closed: the isolated class stays loaded and in use for the life of the JVM.
        URLClassLoader loader = new URLClassLoader("isolated", new URL[] {classes}, ClassLoader.getPlatformClassLoader());
        Class<?> type = loader.loadClass("io.perfweave.it.workload.IsolatedTask");
        if (type.getClassLoader() != loader) {
            throw new IllegalStateException("IsolatedTask was not loaded by the isolated loader");
        }
        LoadedClassesApp app = new LoadedClassesApp((IntSupplier) type.getConstructor().newInstance());
        app.use(CALLS_BEFORE_ANY_COMMAND);
        answer("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.strip().split(" ");
            switch (words[0]) {
                case "use" -> {
                    app.use(Integer.parseInt(words[1]));
                    answer("used " + words[1]);
                }
                case "calc" -> {
                    app.calc(Integer.parseInt(words[1]), Integer.parseInt(words[2]));
                    answer("calculated " + words[1] + " " + words[2]);
                }
                case "task" -> {
                    app.task(words[1], Integer.parseInt(words[2]));
                    answer("task " + words[1] + " " + words[2]);
                }
                case "quit" -> {
                    answer("bye");
                    return;
                }
                default -> answer("unknown command " + line);
            }
        }
    }

    private void use(int n) {
        long local = 0;
        for (int i = 0; i < n; i++) {
            local += uuid.toString().length();
            local += timestamp.toString().length();
            local += isolated.getAsInt();
            local += calculator.add(i, 1);
        }
        sink = local;
    }

    private void calc(int adds, int multiplies) {
        long local = 0;
        for (int i = 0; i < adds; i++) {
            local += calculator.add(i, 1);
        }
        for (int i = 0; i < multiplies; i++) {
            local += calculator.multiply(i, 3);
        }
        sink = local;
    }

    private void task(String className, int n) throws ReflectiveOperationException {
        IntSupplier task = tasks.get(className);
        if (task == null) {
            task = (IntSupplier) Class.forName(className, true, LoadedClassesApp.class.getClassLoader())
                    .getConstructor().newInstance();
            tasks.put(className, task);
        }
        long local = 0;
        for (int i = 0; i < n; i++) {
            local += task.getAsInt();
        }
        sink = local;
    }

    private static void answer(String text) {
        System.out.println("it: " + text);
        System.out.flush();
    }
}
