package io.perfweave.it.workload.matrix;

/** A constructor that throws while evaluating the argument of {@code super(...)}, before the object exists. */
public final class Child extends Parent {

    public Child(int value) {
        super(positive(value));
    }

    private static int positive(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        return value;
    }
}
