package io.perfweave.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InventoryServiceTest {

    private final RequestParser parser = new RequestParser();

    @Test
    void failuresHappenAtASmallPlausibleRate() {
        InventoryService inventory = new InventoryService();
        RequestGenerator generator = new RequestGenerator(42);
        int calls = 20_000;
        int failures = 0;
        for (int i = 0; i < calls; i++) {
            try {
                inventory.reserve(parser.parse(generator.next()));
            } catch (OutOfStockException e) {
                failures++;
            }
        }

        double rate = failures / (double) calls;
        assertTrue(rate > 0.005 && rate < 0.05, "failure rate " + rate);
    }

    @Test
    void failureDependsOnlyOnTheRequest() throws Exception {
        InventoryService inventory = new InventoryService();
        String sku = "SKU-0042";
        int capacity = inventory.shelfCapacity(sku);
        OrderRequest tooLarge = new OrderRequest("c1", sku, capacity + 1, "DE", null);
        OrderRequest fits = new OrderRequest("c1", sku, capacity, "DE", null);

        for (int i = 0; i < 5; i++) {
            OutOfStockException e = assertThrows(OutOfStockException.class, () -> inventory.reserve(tooLarge));
            assertEquals(sku, e.sku());
            assertEquals(capacity + 1, e.requested());
            assertEquals(capacity, e.shelfCapacity());
            inventory.reserve(fits);
        }
    }

    @Test
    void stockNeverGoesNegativeAndIsRefilled() throws Exception {
        InventoryService inventory = new InventoryService();
        OrderRequest order = new OrderRequest("c1", "SKU-0001", 3, "FR", null);
        int capacity = inventory.shelfCapacity(order.sku());

        for (int i = 0; i < 100; i++) {
            int remaining = inventory.reserve(order);
            assertTrue(remaining >= 0 && remaining <= capacity, "remaining " + remaining);
            assertEquals(remaining, inventory.unitsOnHand(order.sku()));
        }
        assertTrue(inventory.restocks() > 0);
    }

    @Test
    void shelfCapacityIsWithinDocumentedRange() {
        InventoryService inventory = new InventoryService();
        for (int i = 1; i <= RequestGenerator.SKUS; i++) {
            int capacity = inventory.shelfCapacity(String.format("SKU-%04d", i));
            assertTrue(capacity >= 20 && capacity <= 100, "capacity " + capacity);
        }
    }
}
