package io.perfweave.it.workload;

import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Timestamp;
import java.util.UUID;
import java.util.function.IntSupplier;

/**
 * Calls methods of classes from every kind of class loader: a JDK class of the bootstrap loader
 * ({@code java.util.UUID}, in module java.base), one of the platform loader ({@code java.sql.Timestamp},
 * in module java.sql), and a class loaded by a custom class loader whose parent is the platform
 * loader, so that it cannot see the application class path.
 */
public final class JdkClassesApp {

    private JdkClassesApp() {
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(args[0]);
        long sink = 0;
        UUID uuid = new UUID(42, 7);
        Timestamp timestamp = new Timestamp(1_700_000_000_000L);
        for (int i = 0; i < calls; i++) {
            sink += uuid.toString().length();
            sink += timestamp.toString().length();
        }
        URL classes = JdkClassesApp.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new URLClassLoader("isolated", new URL[] {classes},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> type = isolated.loadClass(IsolatedTask.class.getName());
            if (type.getClassLoader() != isolated) {
                throw new IllegalStateException("IsolatedTask was not loaded by the isolated loader");
            }
            IntSupplier task = (IntSupplier) type.getConstructor().newInstance();
            for (int i = 0; i < calls; i++) {
                sink += task.getAsInt();
            }
        }
        System.out.println("it: uuid-toString=" + calls);
        System.out.println("it: timestamp-toString=" + calls);
        System.out.println("it: isolated-getAsInt=" + calls);
        System.out.println("it: done " + (sink & 1));
    }
}
