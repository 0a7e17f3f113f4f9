package io.perfweave.it.workload;

/**
 * A caller that does 20 us of its own work and then calls a callee that spins and allocates as the
 * arguments say. Run once with one callee and once with a slower, hungrier one, it is a method that
 * regressed under a caller that did not. Arguments: calls, callee nanoseconds, callee bytes per call.
 */
public final class CallerCalleeApp {

    private CallerCalleeApp() {
    }

    public static void main(String[] args) {
        int calls = Integer.parseInt(args[0]);
        Caller caller = new Caller(new Callee(Long.parseLong(args[1]), Integer.parseInt(args[2])));
        long sum = 0;
        for (int i = 0; i < calls; i++) {
            sum += caller.handle();
        }
        System.out.println("it: calls=" + calls);
        System.out.println("it: sum-positive=" + (sum > 0 ? 1 : 0));
        System.out.println("it: done");
    }

    /** The probed caller: its own time is the same in every run. */
    public static final class Caller {

        private final BusyWorker worker = new BusyWorker();
        private final Callee callee;

        Caller(Callee callee) {
            this.callee = callee;
        }

        public long handle() {
            return worker.spin(20_000) + callee.work();
        }
    }

    /** The probed callee. */
    public static final class Callee {

        private final BusyWorker worker = new BusyWorker();
        private final long nanos;
        private final int bytes;
        /** Keeps the last buffer reachable, so the allocation cannot be optimized away. */
        private byte[] last;

        Callee(long nanos, int bytes) {
            this.nanos = nanos;
            this.bytes = bytes;
        }

        public long work() {
            last = new byte[bytes];
            last[0] = 1;
            return worker.spin(nanos) + last[0];
        }
    }
}
