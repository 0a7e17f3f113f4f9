package io.perfweave.it.workload;

import java.lang.reflect.Method;

/**
 * Starts a virtual thread through reflection, because the workloads compile for Java 17 and run on
 * both JDKs; tests that use it run on JDK 21 or later only.
 */
final class VirtualThreads {

    private VirtualThreads() {
    }

    static Thread start(Runnable task) {
        try {
            Method startVirtualThread = Thread.class.getMethod("startVirtualThread", Runnable.class);
            return (Thread) startVirtualThread.invoke(null, task);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need JDK 21 or later", e);
        }
    }
}
