package io.perfweave.it.workload;

/** A class whose constructor is probed. */
public class Widget {

    private final int size;

    public Widget(int size) {
        this.size = size;
    }

    public int size() {
        return size;
    }
}
