package io.perfweave.it.workload.matrix;

import java.util.function.IntUnaryOperator;

/**
 * A method that creates and calls a lambda: the lambda's body (a synthetic method of this class) and
 * its hidden class are not woven by a wildcard pattern, and nothing breaks.
 */
public final class Lambdas {

    public int apply(int i) {
        IntUnaryOperator twice = v -> v * 2;
        return twice.applyAsInt(i);
    }
}
