package io.perfweave.it.workload;

/** Small methods with overloads and siblings, to check exactly which methods get woven. */
public class Calculator {

    public int add(int a, int b) {
        return a + b;
    }

    public long add(long a, long b) {
        return a + b;
    }

    public int multiply(int a, int b) {
        return a * b;
    }

    public static int hash(String text) {
        return text.hashCode() * 31;
    }
}
