package io.perfweave.sample;

/**
 * An accepted order as it is stored by {@link OrderRepository}.
 */
public record Order(long id, OrderRequest request, Quote quote, int fraudScore) {
}
