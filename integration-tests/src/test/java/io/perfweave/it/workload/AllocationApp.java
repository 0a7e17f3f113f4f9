package io.perfweave.it.workload;

/** Calls the {@link Allocator} methods a given number of times, on a platform thread. */
public final class AllocationApp {

    private AllocationApp() {
    }

    public static void main(String[] args) {
        int calls = Integer.parseInt(args[0]);
        Allocator allocator = new Allocator();
        long sink = 0;
        for (int i = 0; i < calls; i++) {
            sink += allocator.longs().length + allocator.bytes().length + allocator.object().hashCode() % 2
                    + allocator.nothing(i) + allocator.twoArrays() + allocator.timedObject().hashCode() % 2;
        }
        System.out.println("it: calls=" + calls);
        System.out.println("it: done " + (sink & 1));
    }
}
