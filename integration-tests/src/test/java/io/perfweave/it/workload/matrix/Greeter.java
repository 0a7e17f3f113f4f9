package io.perfweave.it.workload.matrix;

/** An interface whose default method is woven where it is declared. */
public interface Greeter {

    default String greet(String name) {
        return salutation() + ", " + name;
    }

    String salutation();
}
