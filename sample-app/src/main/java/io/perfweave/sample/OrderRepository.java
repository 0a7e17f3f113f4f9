package io.perfweave.sample;

import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * In-memory order store.
 *
 * <p>Bounded: once more than {@code capacity} orders are stored the oldest are evicted, so a
 * run of any length has a flat heap. Otherwise a long profiling session would mostly measure
 * garbage-collector work on an ever-growing map.
 */
public class OrderRepository {

    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final ConcurrentHashMap<Long, Order> ordersById = new ConcurrentHashMap<>();
    private final Queue<Long> insertionOrder = new ConcurrentLinkedQueue<>();

    public OrderRepository() {
        this(DEFAULT_CAPACITY);
    }

    public OrderRepository(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    public void save(Order order) {
        Long id = order.id();
        if (ordersById.put(id, order) == null) {
            insertionOrder.add(id);
        }
        // Under concurrency the size can briefly overshoot by a few entries; being exact
        // would need a lock on every save, which is not worth it for a size bound.
        while (ordersById.size() > capacity) {
            Long oldest = insertionOrder.poll();
            if (oldest == null) {
                break;
            }
            ordersById.remove(oldest);
        }
    }

    public Optional<Order> findById(long id) {
        return Optional.ofNullable(ordersById.get(id));
    }

    public int size() {
        return ordersById.size();
    }

    public int capacity() {
        return capacity;
    }
}
