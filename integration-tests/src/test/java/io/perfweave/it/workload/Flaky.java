package io.perfweave.it.workload;

/** Fails on every seventh call. */
public class Flaky {

    public int maybeFail(int i) {
        if (i % 7 == 0) {
            throw new IllegalStateException("call " + i + " fails");
        }
        return i;
    }
}
