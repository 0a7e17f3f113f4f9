package io.perfweave.agent.weave;

import io.perfweave.agent.config.BudgetLimits;
import io.perfweave.agent.config.Glob;
import io.perfweave.agent.config.MethodPattern;
import io.perfweave.agent.config.ProbeNames;
import io.perfweave.agent.config.ProbePriority;
import io.perfweave.agent.config.ProbeSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.enumeration.EnumerationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatchers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns methods annotated with {@code io.perfweave.api.Profiled} into probes: each distinct name
 * (the annotation's value, or {@code Class.method}) becomes a probe in the {@link ProbeTable} the
 * first time a class carrying it is woven. The annotation is matched by name, so the agent needs no
 * access to the application's copy of {@code agent-api}.
 *
 * <p>A name given in the annotation must be a valid probe name ({@link ProbeNames}), like a configured
 * one: a method whose name is not is left unprobed, with a warning naming it. (A space or comma would
 * split the probe's tag in the HdrHistogram interval log.) The name made up of class and method is
 * always accepted: Java names hold no such characters.
 *
 * <p>Finding the annotation means reading the class file of every class whose name matches
 * {@code profiled.classes}; classes of the bootstrap and platform loaders (the JDK) are never read.
 */
final class ProfiledMethods {

    static final String ANNOTATION = "io.perfweave.api.Profiled";
    private static final String PRIORITY = "priority";
    private static final Logger LOG = LoggerFactory.getLogger("perfweave.weave");

    private final Glob classes;
    private final ProbeTable table;
    private final Map<Integer, WovenProbe> woven = new ConcurrentHashMap<>();
    private volatile boolean tableFullLogged;

    ProfiledMethods(Glob classes, ProbeTable table) {
        this.classes = classes;
        this.table = table;
    }

    boolean isCandidate(String typeName, ClassLoader loader) {
        return loader != null && loader != ClassLoader.getPlatformClassLoader() && classes.matches(typeName);
    }

    /** Parses the class file: only call after {@link #isCandidate}. */
    static boolean declaresProfiledMethod(TypeDescription type) {
        for (MethodDescription method : type.getDeclaredMethods()) {
            if (ProbeMethodMatcher.isAnnotated(method, ANNOTATION)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The annotation's {@code priority}; normal when the application was compiled against an API from
     * before priorities, whose annotation has no such attribute.
     */
    static ProbePriority priorityOf(AnnotationDescription annotation) {
        boolean declared = !annotation.getAnnotationType().getDeclaredMethods()
                .filter(ElementMatchers.named(PRIORITY)).isEmpty();
        if (!declared) {
            return ProbePriority.NORMAL;
        }
        return ProbePriority.valueOf(annotation.getValue(PRIORITY).resolve(EnumerationDescription.class).getValue());
    }

    DynamicType.Builder<?> weave(DynamicType.Builder<?> builder, TypeDescription type) {
        for (MethodDescription method : type.getDeclaredMethods()) {
            if (method.isAbstract() || method.isNative()) {
                continue;
            }
            for (AnnotationDescription annotation : method.getDeclaredAnnotations()) {
                if (annotation.getAnnotationType().getName().equals(ANNOTATION)) {
                    builder = weaveMethod(builder, type, method, annotation);
                }
            }
        }
        return builder;
    }

    private DynamicType.Builder<?> weaveMethod(DynamicType.Builder<?> builder, TypeDescription type,
                                               MethodDescription method, AnnotationDescription annotation) {
        String name = annotation.getValue("value").resolve(String.class);
        boolean allocations = annotation.getValue("allocations").resolve(Boolean.class);
        if (name.isBlank()) {
            name = type.getSimpleName() + "." + ProbeMethodMatcher.nameOf(method);
        } else if (!ProbeNames.isValid(name)) {
            LOG.warn("@Profiled(\"{}\") on {}: not a valid probe name ({}); the method runs unprobed", name,
                    ProbeMethodMatcher.signature(type, method), ProbeNames.RULE);
            return builder;
        }
        String signature = ProbeMethodMatcher.signature(type, method);
        BudgetLimits budget = AnnotatedBudget.of(annotation, signature);
        ProbeSpec probe = table.probeFor(name, MethodPattern.annotatedWith(ANNOTATION), allocations, budget,
                priorityOf(annotation), signature);
        if (probe == null) {
            if (!tableFullLogged) {
                tableFullLogged = true;
                LOG.warn("no probe id left for @Profiled method {}; it and later ones run unprobed", signature);
            }
            return builder;
        }
        WovenProbe wovenProbe = woven.computeIfAbsent(probe.id(), id -> WovenProbe.of(probe, table.adapts(probe)));
        table.addMethod(probe.id(), signature);
        table.addClass(probe.id());
        return builder.visit(wovenProbe.adviceOn(ElementMatchers.is(method)));
    }
}
