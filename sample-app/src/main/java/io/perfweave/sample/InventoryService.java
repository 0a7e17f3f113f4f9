package io.perfweave.sample;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Keeps units on hand per SKU and reserves them for orders.
 *
 * <p>Each SKU has a shelf capacity between 20 and 100 units. An order larger than its SKU's
 * shelf can never be served and fails with {@link OutOfStockException}; with the generator's
 * share of bulk orders that is roughly 2% of calls. Smaller orders always succeed: when the
 * shelf runs low it is refilled on the spot. That keeps the failure decision a pure function
 * of the request, so failure counts are reproducible no matter how threads interleave, while
 * the hot SKUs still see real contention on their stock counters.
 */
public class InventoryService {

    private static final int MIN_SHELF_CAPACITY = 20;
    private static final int SHELF_CAPACITY_SPREAD = 81;
    // Salted so shelf size is not correlated with list price, which hashes the same SKU.
    private static final long SHELF_SALT = 0x5E1F;

    private final ConcurrentHashMap<String, AtomicInteger> onHand = new ConcurrentHashMap<>();
    private final LongAdder restocks = new LongAdder();

    /**
     * Reserves the requested units.
     *
     * @return units left on the shelf after this reservation
     * @throws OutOfStockException when the order is larger than the SKU's shelf capacity
     */
    public int reserve(OrderRequest request) throws OutOfStockException {
        int capacity = shelfCapacity(request.sku());
        int quantity = request.quantity();
        if (quantity > capacity) {
            throw new OutOfStockException(request.sku(), quantity, capacity);
        }
        AtomicInteger stock = onHand.get(request.sku());
        if (stock == null) {
            stock = onHand.computeIfAbsent(request.sku(), sku -> new AtomicInteger(shelfCapacity(sku)));
        }
        while (true) {
            int current = stock.get();
            int remaining = current - quantity;
            boolean refill = remaining < 0;
            if (refill) {
                remaining = capacity - quantity;
            }
            if (stock.compareAndSet(current, remaining)) {
                if (refill) {
                    restocks.increment();
                }
                return remaining;
            }
        }
    }

    public int shelfCapacity(String sku) {
        long hash = Hashing.mix(SHELF_SALT, sku.hashCode());
        return MIN_SHELF_CAPACITY + (int) Math.floorMod(hash, (long) SHELF_CAPACITY_SPREAD);
    }

    public int unitsOnHand(String sku) {
        AtomicInteger stock = onHand.get(sku);
        return stock == null ? shelfCapacity(sku) : stock.get();
    }

    public long restocks() {
        return restocks.sum();
    }
}
