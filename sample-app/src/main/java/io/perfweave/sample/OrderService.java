package io.perfweave.sample;

import io.perfweave.sample.OperationCounters.Operation;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Handles one raw order request end to end: parse, fraud score, reserve stock, price, save.
 *
 * <p>Every step is counted in {@link OperationCounters} right here at the call site, rather
 * than inside the steps, so the counts mean "what the caller saw" and match what a probe
 * woven around each method would record.
 */
public class OrderService {

    private final RequestParser parser;
    private final FraudScorer fraudScorer;
    private final InventoryService inventory;
    private final PricingEngine pricing;
    private final OrderRepository repository;
    private final OperationCounters counters;
    private final AtomicLong nextOrderId = new AtomicLong(1);

    public OrderService(RequestParser parser, FraudScorer fraudScorer, InventoryService inventory,
                        PricingEngine pricing, OrderRepository repository, OperationCounters counters) {
        this.parser = parser;
        this.fraudScorer = fraudScorer;
        this.inventory = inventory;
        this.pricing = pricing;
        this.repository = repository;
        this.counters = counters;
    }

    /**
     * Processes one request. Rejections (malformed input, out of stock) are normal outcomes
     * and returned; only unexpected exceptions propagate.
     */
    public OrderOutcome handle(String raw) {
        counters.recordCall(Operation.HANDLE);
        try {
            return process(raw);
        } catch (RuntimeException e) {
            throw failed(Operation.HANDLE, e);
        }
    }

    private OrderOutcome process(String raw) {
        OrderRequest request;
        counters.recordCall(Operation.PARSE);
        try {
            request = parser.parse(raw);
        } catch (MalformedRequestException e) {
            counters.recordFailure(Operation.PARSE);
            return OrderOutcome.MALFORMED;
        } catch (RuntimeException e) {
            throw failed(Operation.PARSE, e);
        }

        int fraudScore;
        counters.recordCall(Operation.FRAUD_SCORE);
        try {
            fraudScore = fraudScorer.score(request);
        } catch (RuntimeException e) {
            throw failed(Operation.FRAUD_SCORE, e);
        }

        counters.recordCall(Operation.RESERVE);
        try {
            inventory.reserve(request);
        } catch (OutOfStockException e) {
            counters.recordFailure(Operation.RESERVE);
            return OrderOutcome.OUT_OF_STOCK;
        } catch (RuntimeException e) {
            throw failed(Operation.RESERVE, e);
        }

        Quote quote;
        counters.recordCall(Operation.PRICE);
        try {
            quote = pricing.price(request);
        } catch (RuntimeException e) {
            throw failed(Operation.PRICE, e);
        }

        // The stored order holds the results of every step, which is also what keeps the JIT
        // from treating any of that work as dead code.
        Order order = new Order(nextOrderId.getAndIncrement(), request, quote, fraudScore);
        counters.recordCall(Operation.SAVE);
        try {
            repository.save(order);
        } catch (RuntimeException e) {
            throw failed(Operation.SAVE, e);
        }
        return OrderOutcome.ACCEPTED;
    }

    private RuntimeException failed(Operation operation, RuntimeException e) {
        counters.recordFailure(operation);
        return e;
    }
}
