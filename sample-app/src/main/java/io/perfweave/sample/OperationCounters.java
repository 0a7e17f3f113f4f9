package io.perfweave.sample;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The app's own exact count of calls and failures per instrumented operation.
 *
 * <p>These numbers are the ground truth a profiling agent's report can be checked against:
 * "calls" counts every invocation, "failures" counts invocations that ended with an
 * exception, which is how a method-level probe sees them too. LongAdder because all worker
 * threads bump the same counters on every request.
 */
public class OperationCounters {

    /** The operations an order goes through, in pipeline order. */
    public enum Operation {
        HANDLE(OrderService.class, "handle"),
        PARSE(RequestParser.class, "parse"),
        FRAUD_SCORE(FraudScorer.class, "score"),
        RESERVE(InventoryService.class, "reserve"),
        PRICE(PricingEngine.class, "price"),
        SAVE(OrderRepository.class, "save");

        private final Class<?> owner;
        private final String method;

        Operation(Class<?> owner, String method) {
            this.owner = owner;
            this.method = method;
        }

        public Class<?> owner() {
            return owner;
        }

        public String methodName() {
            return method;
        }

        /** {@code SimpleClassName.method}, the form used in the summary output. */
        public String label() {
            return owner.getSimpleName() + "." + method;
        }
    }

    private final Map<Operation, LongAdder> calls = new EnumMap<>(Operation.class);
    private final Map<Operation, LongAdder> failures = new EnumMap<>(Operation.class);

    public OperationCounters() {
        // Filled once up front so that the maps are only read concurrently, never modified.
        for (Operation operation : Operation.values()) {
            calls.put(operation, new LongAdder());
            failures.put(operation, new LongAdder());
        }
    }

    public void recordCall(Operation operation) {
        calls.get(operation).increment();
    }

    public void recordFailure(Operation operation) {
        failures.get(operation).increment();
    }

    public long calls(Operation operation) {
        return calls.get(operation).sum();
    }

    public long failures(Operation operation) {
        return failures.get(operation).sum();
    }
}
