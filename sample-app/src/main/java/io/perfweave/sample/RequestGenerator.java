package io.perfweave.sample;

import java.util.SplittableRandom;

/**
 * Produces raw order requests such as {@code customer=c17;sku=SKU-0042;qty=3;country=DE}.
 *
 * <p>The sequence depends only on the seed, so two runs with the same seed and request count
 * do exactly the same work; that is what lets tests and baseline comparisons line up counts.
 * Not thread-safe: each worker owns one generator.
 */
public class RequestGenerator {

    static final int CUSTOMERS = 20_000;
    static final int SKUS = 2_000;

    private static final String[] COUNTRIES = {"DE", "FR", "NL", "PL", "ES", "IT", "SE", "GB", "US", "JP"};
    private static final String[] COUPONS = {"SPRING10", "WELCOME5", "VIP15"};

    // A few percent of orders are bulk orders; only those can exceed what a shelf holds,
    // which is where InventoryService's occasional OutOfStockException comes from.
    private static final double BULK_ORDER_SHARE = 0.035;
    private static final double COUPON_SHARE = 0.10;

    private final SplittableRandom random;

    public RequestGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public String next() {
        StringBuilder raw = new StringBuilder(64)
                .append("customer=c").append(1 + random.nextInt(CUSTOMERS))
                .append(";sku=");
        appendSku(raw, popularSku());
        raw.append(";qty=").append(quantity())
                .append(";country=").append(COUNTRIES[random.nextInt(COUNTRIES.length)]);
        if (random.nextDouble() < COUPON_SHARE) {
            raw.append(";coupon=").append(COUPONS[random.nextInt(COUPONS.length)]);
        }
        return raw.toString();
    }

    // Minimum of two uniform draws: low SKU numbers are ordered far more often, like
    // bestsellers in a real catalogue, which keeps some inventory entries hot.
    private int popularSku() {
        return 1 + Math.min(random.nextInt(SKUS), random.nextInt(SKUS));
    }

    private int quantity() {
        if (random.nextDouble() < BULK_ORDER_SHARE) {
            return 20 + random.nextInt(101);
        }
        return 1 + random.nextInt(5);
    }

    // Hand-rolled instead of String.format: the generator is load-driver overhead and should
    // stay small next to the work being profiled.
    private static void appendSku(StringBuilder out, int number) {
        out.append("SKU-");
        if (number < 1000) {
            out.append('0');
        }
        if (number < 100) {
            out.append('0');
        }
        if (number < 10) {
            out.append('0');
        }
        out.append(number);
    }
}
