package io.perfweave.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.perfweave.sample.OperationCounters.Operation;
import org.junit.jupiter.api.Test;

class OrderServiceTest {

    private final OperationCounters counters = new OperationCounters();
    private final OrderRepository repository = new OrderRepository();

    private OrderService service(PricingEngine pricing) {
        return new OrderService(new RequestParser(), new FraudScorer(), new InventoryService(), pricing,
                repository, counters);
    }

    @Test
    void acceptedOrderGoesThroughEveryStepAndIsStored() {
        OrderOutcome outcome = service(new PricingEngine()).handle("customer=c1;sku=SKU-0001;qty=2;country=DE");

        assertEquals(OrderOutcome.ACCEPTED, outcome);
        for (Operation op : Operation.values()) {
            assertEquals(1, counters.calls(op), op.label());
            assertEquals(0, counters.failures(op), op.label());
        }
        assertEquals(1, repository.size());
    }

    @Test
    void outOfStockStopsBeforePricing() {
        OrderOutcome outcome = service(new PricingEngine()).handle("customer=c1;sku=SKU-0001;qty=500;country=DE");

        assertEquals(OrderOutcome.OUT_OF_STOCK, outcome);
        assertEquals(1, counters.calls(Operation.RESERVE));
        assertEquals(1, counters.failures(Operation.RESERVE));
        assertEquals(0, counters.calls(Operation.PRICE));
        assertEquals(0, counters.calls(Operation.SAVE));
        assertEquals(0, counters.failures(Operation.HANDLE));
    }

    @Test
    void malformedInputIsAnOutcomeNotAnException() {
        OrderOutcome outcome = service(new PricingEngine()).handle("not a request");

        assertEquals(OrderOutcome.MALFORMED, outcome);
        assertEquals(1, counters.failures(Operation.PARSE));
        assertEquals(0, counters.calls(Operation.FRAUD_SCORE));
    }

    @Test
    void unexpectedExceptionsAreCountedAtStepAndHandleAndPropagate() {
        PricingEngine broken = new PricingEngine() {
            @Override
            public Quote price(OrderRequest request) {
                throw new IllegalStateException("pricing down");
            }
        };

        assertThrows(IllegalStateException.class,
                () -> service(broken).handle("customer=c1;sku=SKU-0001;qty=2;country=DE"));
        assertEquals(1, counters.failures(Operation.PRICE));
        assertEquals(1, counters.failures(Operation.HANDLE));
        assertEquals(0, counters.calls(Operation.SAVE));
    }
}
