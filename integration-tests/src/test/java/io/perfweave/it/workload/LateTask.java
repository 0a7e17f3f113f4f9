package io.perfweave.it.workload;

import java.util.function.IntSupplier;

/** Loaded by name only, on demand, by {@link LoadedClassesApp}: no class refers to it, so it loads when asked. */
public class LateTask implements IntSupplier {

    private int calls;

    @Override
    public int getAsInt() {
        return ++calls;
    }
}
