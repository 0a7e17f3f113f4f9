package io.perfweave.sample;

/**
 * A reservation could not be satisfied.
 *
 * <p>Checked on purpose: running out of stock is an expected business outcome that every
 * caller of {@link InventoryService#reserve(OrderRequest)} has to decide about, not a bug.
 * The stack trace is kept (no writableStackTrace trick) so the exception costs what a
 * typical application exception costs, which is part of what the profile should show.
 */
public class OutOfStockException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String sku;
    private final int requested;
    private final int shelfCapacity;

    public OutOfStockException(String sku, int requested, int shelfCapacity) {
        super(sku + ": requested " + requested + " units but at most " + shelfCapacity + " can be held in stock");
        this.sku = sku;
        this.requested = requested;
        this.shelfCapacity = shelfCapacity;
    }

    public String sku() {
        return sku;
    }

    public int requested() {
        return requested;
    }

    public int shelfCapacity() {
        return shelfCapacity;
    }
}
