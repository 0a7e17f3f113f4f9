package io.perfweave.it.workload;

/** Calls {@link Pricing#price} to save a baseline of it. Arguments: calls, nanoseconds per call. */
public final class PricingApp {

    private PricingApp() {
    }

    public static void main(String[] args) {
        int calls = Integer.parseInt(args[0]);
        long nanos = Long.parseLong(args[1]);
        Pricing pricing = new Pricing();
        long spins = 0;
        for (int i = 0; i < calls; i++) {
            spins += pricing.price(nanos);
        }
        System.out.println("it: spins-positive=" + (spins > 0 ? 1 : 0));
        System.out.println("it: done");
    }
}
