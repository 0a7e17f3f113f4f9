package io.perfweave.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfweave.sample.OperationCounters.Operation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OperationCountersTest {

    // The summary labels are compared with the agent's report, which names real methods, and
    // the agent can only weave into public, non-final instance methods of non-final classes.
    @Test
    void everyLabelNamesAWeavablePublicMethod() {
        for (Operation op : Operation.values()) {
            Method method = Arrays.stream(op.owner().getDeclaredMethods())
                    .filter(m -> m.getName().equals(op.methodName()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no method for " + op.label()));
            int modifiers = method.getModifiers();
            assertTrue(Modifier.isPublic(modifiers), op.label());
            assertFalse(Modifier.isFinal(modifiers), op.label());
            assertFalse(Modifier.isStatic(modifiers), op.label());
            assertFalse(Modifier.isFinal(op.owner().getModifiers()), op.owner().getName());
            assertEquals(op.owner().getSimpleName() + "." + method.getName(), op.label());
        }
    }

    @Test
    void countsCallsAndFailuresSeparately() {
        OperationCounters counters = new OperationCounters();
        counters.recordCall(Operation.RESERVE);
        counters.recordCall(Operation.RESERVE);
        counters.recordFailure(Operation.RESERVE);

        assertEquals(2, counters.calls(Operation.RESERVE));
        assertEquals(1, counters.failures(Operation.RESERVE));
        assertEquals(0, counters.calls(Operation.PRICE));
    }
}
