package io.perfweave.it.workload.matrix;

public enum Color {
    RED, GREEN, BLUE;

    public String shade(int level) {
        return name().toLowerCase() + "-" + level;
    }
}
