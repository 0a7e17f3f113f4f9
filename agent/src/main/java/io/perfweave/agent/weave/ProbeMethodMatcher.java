package io.perfweave.agent.weave;

import io.perfweave.agent.config.MethodPattern;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Selects the methods of a type that a probe's pattern names and that can carry advice: methods
 * with code (not abstract, not native), not compiler bridges (the method they forward to is woven
 * itself, so weaving both would count every call twice), not static initializers, and no other
 * compiler-generated method (lambda bodies, {@code $values} of enums) unless named without wildcard.
 */
final class ProbeMethodMatcher extends ElementMatcher.Junction.AbstractBase<MethodDescription> {

    private final MethodPattern pattern;

    ProbeMethodMatcher(MethodPattern pattern) {
        this.pattern = pattern;
    }

    @Override
    public boolean matches(MethodDescription method) {
        if (method.isAbstract() || method.isNative() || method.isBridge() || method.isTypeInitializer()) {
            return false;
        }
        if (method.isSynthetic() && pattern.methodNameHasWildcard()) {
            return false; // lambda bodies and the like: timed only when named
        }
        return pattern.matchesMethodName(nameOf(method)) && pattern.matchesParameters(parameterTypes(method))
                && (pattern.requiredAnnotation() == null || isAnnotated(method, pattern.requiredAnnotation()));
    }

    static boolean isAnnotated(MethodDescription method, String annotation) {
        for (AnnotationDescription present : method.getDeclaredAnnotations()) {
            if (present.getAnnotationType().getName().equals(annotation)) {
                return true;
            }
        }
        return false;
    }

    static String nameOf(MethodDescription method) {
        return method.isConstructor() ? MethodPattern.CONSTRUCTOR : method.getName();
    }

    static List<String> parameterTypes(MethodDescription method) {
        List<String> names = new ArrayList<>();
        for (TypeDescription type : method.getParameters().asTypeList().asErasures()) {
            names.add(type.getActualName());
        }
        return names;
    }

    /** How the report names a woven method: {@code com.acme.Checkout#process(java.lang.String,int)}. */
    static String signature(TypeDescription type, MethodDescription method) {
        return type.getName() + "#" + nameOf(method) + "(" + String.join(",", parameterTypes(method)) + ")";
    }
}
