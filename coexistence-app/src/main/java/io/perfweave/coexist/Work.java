package io.perfweave.coexist;

/** The method both the application's libraries and the profilers care about. */
public final class Work {

    public long compute(int i) {
        long x = i;
        for (int k = 0; k < 50; k++) {
            x = x * 31 + k;
        }
        return x;
    }
}
