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
            // The nested probe first: its first call runs its callee's probe code for the very first time
            // inside its own measured window (nothing of that may count).
            sink += allocator.twoArrays() + allocator.longs().length + allocator.bytes().length
                    + allocator.object().hashCode() % 2 + allocator.nothing(i) + allocator.timedObject().hashCode() % 2;
        }
        System.out.println("it: calls=" + calls);
        System.out.println("it: done " + (sink & 1));
    }
}
