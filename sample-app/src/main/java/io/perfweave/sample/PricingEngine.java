package io.perfweave.sample;

import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Computes list price, discount and tax for an order.
 *
 * <p>This is the app's CPU hot spot, on purpose: every call evaluates the whole promotion
 * table (10,240 rules, each a saturating volume-discount curve), about 16 microseconds of real
 * floating-point work on a 2-core cloud VM. The tax rate per country comes from a 4,096-rule
 * jurisdiction table and is normally cached.
 *
 * <p>The regressed variant ({@code --regress pricing}) models a classic performance
 * regression: the tax cache is bypassed and the jurisdiction table is evaluated on every call.
 * Results stay identical, the rule evaluations per call go from 10,240 to 14,336 (40% more work),
 * which a baseline comparison should flag.
 *
 * <p>The curves are rational ({@code x / (1 + x)}), not exponential: with {@code Math.exp} in the
 * loops the compiled code ran in one of two speeds per JVM run (16 or 25 microseconds for the same
 * work, a JIT outcome, docs/baselines.md batch 4), which made the demo's figures, and every
 * same-workload comparison of them, a coin toss. Plain arithmetic compiles the same way every run.
 */
public class PricingEngine {

    static final int DISCOUNT_RULE_COUNT = 10240;
    static final int TAX_RULE_COUNT = 4096;

    private static final double MAX_DISCOUNT_RATE = 0.30;
    private static final long MIN_LIST_PRICE_CENTS = 499;
    private static final long LIST_PRICE_SPREAD_CENTS = 49_500;

    // Rule tables are laid out as parallel primitive arrays: the inner loops then touch only
    // doubles and ints, so their cost is the arithmetic and not pointer chasing.
    private final double[] discountWeight = new double[DISCOUNT_RULE_COUNT];
    private final double[] discountSaturation = new double[DISCOUNT_RULE_COUNT];
    private final int[] discountCountryMask = new int[DISCOUNT_RULE_COUNT];
    private final double[] taxRate = new double[TAX_RULE_COUNT];
    private final double[] taxPhaseIn = new double[TAX_RULE_COUNT];
    private final int[] taxCountryMask = new int[TAX_RULE_COUNT];

    private final boolean bypassTaxCache;
    private final ConcurrentHashMap<String, Double> taxRateByCountry = new ConcurrentHashMap<>();
    private final LongAdder ruleEvaluations = new LongAdder();

    public PricingEngine() {
        this(false);
    }

    /**
     * @param regressed {@code true} to simulate the "tax cache lost" regression
     */
    public PricingEngine(boolean regressed) {
        this.bypassTaxCache = regressed;
        // Fixed seed, independent of --seed: prices must not change between runs that are
        // compared with each other.
        SplittableRandom rules = new SplittableRandom(0x5EED_0F_5A1E5L);
        for (int i = 0; i < DISCOUNT_RULE_COUNT; i++) {
            discountWeight[i] = rules.nextDouble(0.0, 2.0 * MAX_DISCOUNT_RATE / DISCOUNT_RULE_COUNT);
            discountSaturation[i] = 1.0 / rules.nextDouble(1.0, 40.0);
            discountCountryMask[i] = rules.nextInt();
        }
        for (int i = 0; i < TAX_RULE_COUNT; i++) {
            taxRate[i] = rules.nextDouble(0.0, 0.5 / TAX_RULE_COUNT);
            taxPhaseIn[i] = rules.nextDouble(0.5, 4.0);
            taxCountryMask[i] = rules.nextInt();
        }
    }

    public Quote price(OrderRequest request) {
        long unitPriceCents = listPriceCents(request.sku());
        long grossCents = unitPriceCents * request.quantity();
        int countryBit = countryBit(request.country());

        double discountRate = Math.min(MAX_DISCOUNT_RATE,
                promotionDiscount(request.quantity(), countryBit) + couponDiscount(request.coupon()));
        long evaluations = DISCOUNT_RULE_COUNT;

        double tax;
        if (bypassTaxCache) {
            tax = jurisdictionTaxRate(countryBit);
            evaluations += TAX_RULE_COUNT;
        } else {
            tax = taxRateByCountry.computeIfAbsent(request.country(), c -> jurisdictionTaxRate(countryBit(c)));
        }
        ruleEvaluations.add(evaluations);

        long discountCents = Math.round(grossCents * discountRate);
        long netCents = grossCents - discountCents;
        long taxCents = Math.round(netCents * tax);
        return new Quote(request.sku(), request.quantity(), unitPriceCents, discountCents, taxCents,
                netCents + taxCents);
    }

    /**
     * Total discount/tax rule evaluations done by {@link #price} so far. This is the work
     * counter tests use to check that the regression really adds work, independent of timing.
     */
    public long ruleEvaluations() {
        return ruleEvaluations.sum();
    }

    public boolean isRegressed() {
        return bypassTaxCache;
    }

    private double promotionDiscount(int quantity, int countryBit) {
        double rate = 0;
        for (int i = 0; i < DISCOUNT_RULE_COUNT; i++) {
            // Branch-free "does this rule apply": every rule costs the same, so the work per
            // call does not depend on which country the order comes from.
            double applies = (discountCountryMask[i] >>> countryBit) & 1;
            double x = quantity * discountSaturation[i];
            rate += applies * discountWeight[i] * (x / (1.0 + x));
        }
        return rate;
    }

    private double jurisdictionTaxRate(int countryBit) {
        double rate = 0.05;
        for (int i = 0; i < TAX_RULE_COUNT; i++) {
            double applies = (taxCountryMask[i] >>> countryBit) & 1;
            rate += applies * taxRate[i] * (taxPhaseIn[i] / (1.0 + taxPhaseIn[i]));
        }
        return rate;
    }

    private static double couponDiscount(String coupon) {
        if (coupon == null) {
            return 0;
        }
        return switch (coupon) {
            case "WELCOME5" -> 0.05;
            case "SPRING10" -> 0.10;
            case "VIP15" -> 0.15;
            default -> 0;
        };
    }

    private static long listPriceCents(String sku) {
        return MIN_LIST_PRICE_CENTS + Math.floorMod(Hashing.mix(sku.hashCode()), LIST_PRICE_SPREAD_CENTS);
    }

    private static int countryBit(String country) {
        return country.hashCode() & 31;
    }
}
