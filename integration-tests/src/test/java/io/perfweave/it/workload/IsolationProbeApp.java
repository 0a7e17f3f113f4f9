package io.perfweave.it.workload;

/**
 * Checks from inside the application what the agent exposes on its class path: the agent's
 * internals and relocated libraries must not be loadable; the probe runtime may be. It also lists the
 * agent's threads, once the reporter's is among them.
 */
public final class IsolationProbeApp {

    private IsolationProbeApp() {
    }

    public static void main(String[] args) {
        for (String name : args) {
            System.out.println("it: loadable " + name + "=" + (loadable(name) ? 1 : 0));
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

    private static boolean loadable(String name) {
        try {
            Class.forName(name, false, IsolationProbeApp.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
