package io.perfweave.sample;

/**
 * The price of one order. Money is in integer cents so totals add up exactly.
 */
public record Quote(String sku, int quantity, long unitPriceCents, long discountCents, long taxCents,
                    long totalCents) {
}
