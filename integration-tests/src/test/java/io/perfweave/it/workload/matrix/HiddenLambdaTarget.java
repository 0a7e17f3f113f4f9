package io.perfweave.it.workload.matrix;

import java.util.function.IntUnaryOperator;

/**
 * Only ever loaded as a hidden class, by {@link MatrixApp} on JDK 18 and later: a hidden class whose
 * method makes and calls a lambda, so that the lambda's own class is spun for a hidden host. (JDK 17
 * cannot run a lambda in a hidden class whose class file names itself, agent or not: it fails with
 * {@code NoClassDefFoundError} for the hidden name.)
 */
public final class HiddenLambdaTarget implements IntUnaryOperator {

    @Override
    public int applyAsInt(int i) {
        // Captures nothing: a lambda that captured this would name the class in its descriptor, which for
        // a hidden class defined from javac's class file resolves to the ordinary class and fails to verify.
        IntUnaryOperator shifted = v -> v + 5;
        return shifted.applyAsInt(i * 2);
    }
}
