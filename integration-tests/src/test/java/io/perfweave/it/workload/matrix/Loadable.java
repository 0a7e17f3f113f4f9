package io.perfweave.it.workload.matrix;

/** Loaded by a throw-away class loader of the matrix app, which must be collected afterwards. */
public final class Loadable {

    public int work(int i) {
        return i * 3;
    }
}
