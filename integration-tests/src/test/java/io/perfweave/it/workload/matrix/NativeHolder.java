package io.perfweave.it.workload.matrix;

/** A native method, which has no bytecode to weave, beside an ordinary one. */
public final class NativeHolder {

    /** Never called: no library provides it, and the class still loads and verifies. */
    public native int fromLibrary();

    public int ordinary(int i) {
        return i + 1;
    }
}
