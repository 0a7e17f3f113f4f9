package io.perfweave.sample;

/**
 * What {@link OrderService#handle(String)} did with one raw request.
 */
public enum OrderOutcome {
    ACCEPTED,
    OUT_OF_STOCK,
    MALFORMED
}
