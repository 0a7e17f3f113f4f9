package io.perfweave.agent.weave;

import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.jar.asm.MethodTooLargeException;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Methods that cannot take a probe's code without growing past the JVM's limit of 64 KB of
 * bytecode per method. Nothing tells how large a method is before it is woven, so the weaver learns
 * it from the failure: ASM reports the method when the woven class is written, the transformation
 * is retried without that method (see {@link TooLargeMethodRetry}), and the method stays as it was
 * while the rest of its class is probed. Names are kept, not classes, so no class loader is held.
 */
final class TooLargeMethods {

    private static final Set<String> EXCLUDED = ConcurrentHashMap.newKeySet();
    /** The failure of the transformation running on this thread, handed from the listener to the retry. */
    private static final ThreadLocal<MethodTooLargeException> LAST_FAILURE = new ThreadLocal<>();

    private static final ElementMatcher.Junction<MethodDescription> EXCLUDED_METHOD =
            new ElementMatcher.Junction.AbstractBase<>() {
                @Override
                public boolean matches(MethodDescription method) {
                    return !EXCLUDED.isEmpty() && EXCLUDED.contains(key(method.getDeclaringType().asErasure().getName(),
                            method.getInternalName(), method.getDescriptor()));
                }
            };

    private TooLargeMethods() {
    }

    /** Matches every method known to be too large to weave. */
    static ElementMatcher.Junction<MethodDescription> matcher() {
        return EXCLUDED_METHOD;
    }

    /** Called by the listener when writing a woven class failed because of one of its methods. */
    static void failed(MethodTooLargeException failure) {
        LAST_FAILURE.set(failure);
    }

    /** The failure of the last transformation on this thread, if it was a method too large; clears it. */
    static MethodTooLargeException takeFailure() {
        MethodTooLargeException failure = LAST_FAILURE.get();
        LAST_FAILURE.remove();
        return failure;
    }

    /** Excludes the method of the failure from now on; {@code false} if it was excluded already. */
    static boolean exclude(MethodTooLargeException failure) {
        return EXCLUDED.add(key(failure.getClassName().replace('/', '.'), failure.getMethodName(), failure.getDescriptor()));
    }

    /** Named as the report names methods: {@code com.acme.Generated#big(int,java.lang.String)}. */
    static String describe(MethodTooLargeException failure) {
        StringJoiner parameters = new StringJoiner(",", "(", ")");
        for (Type parameter : Type.getArgumentTypes(failure.getDescriptor())) {
            parameters.add(parameter.getClassName());
        }
        return failure.getClassName().replace('/', '.') + "#" + failure.getMethodName() + parameters;
    }

    private static String key(String className, String methodName, String descriptor) {
        return className + "#" + methodName + descriptor;
    }
}
