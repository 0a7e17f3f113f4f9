package io.perfweave.agent.weave;

import io.perfweave.agent.config.BudgetLimits;
import io.perfweave.agent.config.BudgetMetric;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the budget a {@code @Profiled} annotation states. A limit that does not parse is logged with
 * the method and attribute and left out; the method is still probed. Attributes that the
 * application's (older) copy of {@code agent-api} does not declare are simply absent.
 */
final class AnnotatedBudget {

    private static final Logger LOG = LoggerFactory.getLogger("perfweave.weave");
    private static final BudgetMetric[] ATTRIBUTES = {BudgetMetric.P50, BudgetMetric.P90, BudgetMetric.P99,
            BudgetMetric.P999, BudgetMetric.MAX, BudgetMetric.MEAN, BudgetMetric.ERRORS};

    private AnnotatedBudget() {
    }

    static BudgetLimits of(AnnotationDescription annotation, String signature) {
        Map<BudgetMetric, Double> limits = new EnumMap<>(BudgetMetric.class);
        for (BudgetMetric metric : ATTRIBUTES) {
            String attribute = metric.key();
            if (!declares(annotation, attribute)) {
                continue;
            }
            String text = annotation.getValue(attribute).resolve(String.class).strip();
            if (text.isEmpty()) {
                continue;
            }
            try {
                limits.put(metric, metric.parseLimit(text));
            } catch (IllegalArgumentException e) {
                LOG.error("@Profiled({} = \"{}\") on {}: {}; this limit is ignored", attribute, text, signature,
                        e.getMessage());
            }
        }
        OptionalLong minSamples = OptionalLong.empty();
        if (declares(annotation, "minSamples")) {
            long value = annotation.getValue("minSamples").resolve(Long.class);
            if (value > 0) {
                minSamples = OptionalLong.of(value);
            } else if (value < 0) {
                LOG.error("@Profiled(minSamples = {}) on {}: use 1 or more (0 for budget.minSamples); ignored", value,
                        signature);
            }
        }
        return limits.isEmpty() && minSamples.isEmpty() ? BudgetLimits.NONE
                : new BudgetLimits(limits, minSamples, OptionalLong.empty());
    }

    private static boolean declares(AnnotationDescription annotation, String attribute) {
        for (MethodDescription.InDefinedShape property : annotation.getAnnotationType().getDeclaredMethods()) {
            if (property.getName().equals(attribute)) {
                return true;
            }
        }
        return false;
    }
}
