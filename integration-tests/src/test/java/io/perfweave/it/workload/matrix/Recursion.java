package io.perfweave.it.workload.matrix;

public final class Recursion {

    private Recursion() {
    }

    public static long factorial(int n) {
        return n <= 1 ? 1 : n * factorial(n - 1);
    }
}
