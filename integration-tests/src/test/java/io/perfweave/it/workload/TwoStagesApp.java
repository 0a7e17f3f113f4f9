package io.perfweave.it.workload;

/**
 * Calls two stages in turn: {@code steady}, which always spins 20 us, and {@code tunable}, which spins
 * as long as the second argument says. Run once with one value and once with a larger one, it is a
 * method that got slower next to one that did not. Arguments: calls, tunable nanoseconds.
 */
public final class TwoStagesApp {

    private TwoStagesApp() {
    }

    public static void main(String[] args) {
        int calls = Integer.parseInt(args[0]);
        long tunableNanos = Long.parseLong(args[1]);
        Stages stages = new Stages();
        long spins = 0;
        for (int i = 0; i < calls; i++) {
            spins += stages.steady();
            spins += stages.tunable(tunableNanos);
        }
        System.out.println("it: stage-calls=" + calls);
        System.out.println("it: spins-positive=" + (spins > 0 ? 1 : 0));
        System.out.println("it: done");
    }

    /** The probed methods. */
    public static final class Stages {

        private final BusyWorker worker = new BusyWorker();

        public long steady() {
            return worker.spin(20_000);
        }

        public long tunable(long nanos) {
            return worker.spin(nanos);
        }
    }
}
