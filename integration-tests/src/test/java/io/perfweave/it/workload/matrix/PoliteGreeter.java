package io.perfweave.it.workload.matrix;

public final class PoliteGreeter implements Greeter {

    @Override
    public String salutation() {
        return "Good day";
    }
}
