package io.perfweave.it.workload.matrix;

/** A record: its compact constructor and its methods are woven like any others. */
public record Point(int x, int y) {

    public Point {
        if (x < 0) {
            throw new IllegalArgumentException("x < 0");
        }
    }

    public int manhattan() {
        return Math.abs(x) + Math.abs(y);
    }
}
