package io.perfweave.it.workload.matrix;

import java.util.function.IntUnaryOperator;

/**
 * Loaded twice by {@link MatrixApp}: once as an ordinary class, which a probe selecting
 * {@code HiddenTarget*} weaves, and once from the same class file as a hidden class
 * ({@code MethodHandles.Lookup.defineHiddenClass}), named {@code ...HiddenTarget/0x...}, which
 * that pattern matches too but which no Java agent can weave.
 */
public final class HiddenTarget implements IntUnaryOperator {

    @Override
    public int applyAsInt(int i) {
        return i * 3 + 1;
    }
}
