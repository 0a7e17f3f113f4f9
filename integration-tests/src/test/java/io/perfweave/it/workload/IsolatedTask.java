package io.perfweave.it.workload;

import java.util.function.IntSupplier;

/** Loaded by a custom class loader in {@link JdkClassesApp}. */
public class IsolatedTask implements IntSupplier {

    private int calls;

    @Override
    public int getAsInt() {
        return ++calls;
    }
}
