package io.perfweave.agent.weave;

import net.bytebuddy.description.type.TypeDescription;

/**
 * Classes that are never woven, whatever the configuration says.
 *
 * <ul>
 *   <li>the agent itself;
 *   <li>{@code java.lang} and {@code java.util.concurrent.atomic}: the probe runtime calls into
 *       them ({@code ThreadLocal}, {@code Thread}, {@code System}, {@code AtomicLongArray}, ...), so
 *       a probe there would call itself without end;
 *   <li>JDK internals ({@code jdk.internal}, {@code sun}, {@code com.sun}), which run under the
 *       class loading and retransformation machinery itself;
 *   <li>synthetic and hidden classes (lambdas), which the JVM cannot retransform.
 * </ul>
 */
final class IgnoredTypes {

    private static final String[] PREFIXES = {
        "io.perfweave.agent.",
        "java.lang.",
        "java.util.concurrent.atomic.",
        "jdk.internal.",
        "sun.",
        "com.sun.",
    };

    private IgnoredTypes() {
    }

    /** Types that match a probe's class pattern but have nothing to time. Parses the class file. */
    static boolean hasNothingToTime(TypeDescription type) {
        return type.isSynthetic() || type.isAnnotation();
    }

    /**
     * Decides on the name alone. Byte Buddy describes a class that is being loaded lazily, from its
     * name; asking anything else (modifiers, say) would parse the class file of every class the JVM
     * loads, probed or not.
     */
    static boolean isIgnoredName(String name) {
        if (name.contains("$$Lambda") || name.contains("/")) {
            return true;
        }
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
