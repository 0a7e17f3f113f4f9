package io.perfweave.junit;

import io.perfweave.api.CheckResult;
import io.perfweave.api.Checkpoint;
import io.perfweave.api.LatencyCheck;
import io.perfweave.api.Perfweave;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Runs {@link PerfweaveCheck}: takes a checkpoint just before the test method and, once it has
 * returned, checks the calls made since. {@code @BeforeEach} and {@code @AfterEach} methods are outside
 * the measured stretch. A test that already failed is not checked, so its own failure is what is
 * reported.
 */
public final class PerfweaveExtension implements BeforeTestExecutionCallback, AfterTestExecutionCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PerfweaveExtension.class);

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        PerfweaveCheck check = checkOf(context);
        if (!Perfweave.isAttached()) {
            String message = "Perfweave agent is not attached: run the tests with -javaagent:/path/to/perfweave-agent.jar"
                    + " (for Maven, in Surefire's argLine) to check " + String.join(", ", check.probes());
            if (check.whenDetached() == PerfweaveCheck.WhenDetached.SKIP) {
                throw new TestAbortedException(message);
            }
            throw new AssertionFailedError(message);
        }
        context.getStore(NAMESPACE).put(Checkpoint.class, Perfweave.checkpoint());
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Checkpoint checkpoint = context.getStore(NAMESPACE).remove(Checkpoint.class, Checkpoint.class);
        if (checkpoint == null || context.getExecutionException().isPresent()) {
            return;
        }
        PerfweaveCheck check = checkOf(context);
        LatencyCheck latency = LatencyCheck.of(check.probes()).baseline(check.baseline())
                .p50(check.p50()).p99(check.p99()).max(check.max());
        CheckResult result = Perfweave.check(checkpoint, check.budgets() ? latency.budgets() : latency);
        if (!result.passed()) {
            throw new AssertionFailedError(result.message());
        }
    }

    /** The method's annotation, else the class's (or an enclosing class's, for nested tests). */
    private static PerfweaveCheck checkOf(ExtensionContext context) {
        Optional<ExtensionContext> current = Optional.of(context);
        while (current.isPresent()) {
            Optional<AnnotatedElement> element = current.get().getElement();
            if (element.isPresent()) {
                Optional<PerfweaveCheck> found = AnnotationSupport.findAnnotation(element.get(), PerfweaveCheck.class);
                if (found.isPresent()) {
                    return found.get();
                }
            }
            current = current.get().getParent();
        }
        throw new ExtensionConfigurationException("PerfweaveExtension needs @PerfweaveCheck on the test method or class");
    }
}
