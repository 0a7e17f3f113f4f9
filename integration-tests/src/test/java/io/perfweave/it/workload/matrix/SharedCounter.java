package io.perfweave.it.workload.matrix;

/** A synchronized method: if weaving broke its monitor, concurrent increments would be lost. */
public final class SharedCounter {

    private long count;

    public synchronized void increment() {
        count++;
    }

    public synchronized long count() {
        return count;
    }
}
