package io.perfweave.sample;

import java.util.Objects;

/**
 * A parsed order request.
 *
 * @param customer customer id, e.g. {@code c17}
 * @param sku      stock keeping unit, e.g. {@code SKU-0042}
 * @param quantity units ordered, at least 1
 * @param country  two-letter country code, e.g. {@code DE}
 * @param coupon   coupon code, or {@code null} when the request carries none
 */
public record OrderRequest(String customer, String sku, int quantity, String country, String coupon) {

    public OrderRequest {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(country, "country");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, got " + quantity);
        }
    }

    public boolean hasCoupon() {
        return coupon != null;
    }
}
