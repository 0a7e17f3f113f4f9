package io.perfweave.it.workload;

import java.util.function.IntSupplier;

/** Like {@link LateTask}, a second class that loads only when {@link LoadedClassesApp} is asked to. */
public class LaterTask implements IntSupplier {

    private int calls;

    @Override
    public int getAsInt() {
        return calls += 2;
    }
}
