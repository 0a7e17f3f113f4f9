package io.perfweave.it.workload;

/** Methods that fail fast, fail slowly, or fail with many different exception classes. */
public class Failures {

    public static final class E1 extends RuntimeException { }
    public static final class E2 extends RuntimeException { }
    public static final class E3 extends RuntimeException { }
    public static final class E4 extends RuntimeException { }
    public static final class E5 extends RuntimeException { }
    public static final class E6 extends RuntimeException { }
    public static final class E7 extends RuntimeException { }
    public static final class E8 extends RuntimeException { }
    public static final class E9 extends RuntimeException { }
    public static final class E10 extends RuntimeException { }

    private final BusyWorker worker = new BusyWorker();

    /** Throws at once on every other call; otherwise works for 200 us. */
    public void failFast(int i) {
        if (i % 2 == 0) {
            throw new IllegalArgumentException("bad input " + i);
        }
        worker.spin(200_000);
    }

    /** Works for 2 ms, then throws on every other call. */
    public void failSlow(int i) {
        worker.spin(2_000_000);
        if (i % 2 == 0) {
            throw new IllegalStateException("timed out " + i);
        }
    }

    /** Throws one of ten exception classes, chosen by {@code i % 10}; class k is thrown k+1 times per 55 calls. */
    public void failMany(int k) {
        switch (k) {
            case 0 -> throw new E1();
            case 1 -> throw new E2();
            case 2 -> throw new E3();
            case 3 -> throw new E4();
            case 4 -> throw new E5();
            case 5 -> throw new E6();
            case 6 -> throw new E7();
            case 7 -> throw new E8();
            case 8 -> throw new E9();
            default -> throw new E10();
        }
    }
}
