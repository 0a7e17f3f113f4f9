package io.perfweave.it.workload;

/**
 * Checks from inside the application what the agent exposes on its class path: the agent's
 * internals and relocated libraries must not be loadable; the probe runtime, the boot classes and
 * the entry class may be, and it prints which loader each loadable class comes from. It also lists the
 * agent's threads, once the reporter's is among them.
 */
public final class IsolationProbeApp {

    private IsolationProbeApp() {
    }

    public static void main(String[] args) {
        for (String name : args) {
            Class<?> type = loaded(name);
            System.out.println("it: loadable " + name + "=" + (type == null ? 0 : 1));
            if (type != null) {
                System.out.println("it: loader " + name + " " + (type.getClassLoader() == null ? "bootstrap"
                        : type.getClassLoader() == ClassLoader.getSystemClassLoader() ? "application"
                        : type.getClassLoader().toString()));
            }
        }
        // The agent sets its reporter up while the application starts: wait for it (bounded) before listing.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("perfweave-reporter"))
                && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
        Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().toLowerCase(java.util.Locale.ROOT).contains("perfweave"))
                .forEach(thread -> System.out.println("it: thread " + thread.getName() + " daemon=" + thread.isDaemon()));
        System.out.println("it: done");
    }

    /** The class the application's loader finds under this name, or {@code null}. */
    private static Class<?> loaded(String name) {
        try {
            return Class.forName(name, false, IsolationProbeApp.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
