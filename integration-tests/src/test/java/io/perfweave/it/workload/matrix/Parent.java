package io.perfweave.it.workload.matrix;

public class Parent {

    protected final int value;

    public Parent(int value) {
        this.value = value;
    }
}
