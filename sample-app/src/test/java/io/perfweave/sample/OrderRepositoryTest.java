package io.perfweave.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OrderRepositoryTest {

    private static Order order(long id) {
        OrderRequest request = new OrderRequest("c" + id, "SKU-0001", 1, "DE", null);
        return new Order(id, request, new Quote("SKU-0001", 1, 100, 0, 19, 119), 10);
    }

    @Test
    void staysBoundedAndEvictsOldestFirst() {
        OrderRepository repository = new OrderRepository(100);
        for (long id = 1; id <= 1000; id++) {
            repository.save(order(id));
        }

        assertEquals(100, repository.size());
        assertFalse(repository.findById(1).isPresent());
        assertFalse(repository.findById(900).isPresent());
        assertTrue(repository.findById(901).isPresent());
        assertEquals(order(1000), repository.findById(1000).orElseThrow());
    }
}
