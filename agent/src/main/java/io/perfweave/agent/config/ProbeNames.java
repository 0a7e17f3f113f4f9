package io.perfweave.agent.config;

import java.util.regex.Pattern;

/**
 * What a probe name may be: letters, digits, {@code _} and {@code -}. The name is part of the keys
 * {@code probe.<name>.*}, a tag in the HdrHistogram interval log (whose tags end at a space or comma)
 * and a Prometheus label value, so configured names and {@code @Profiled} names obey the same rule.
 */
public final class ProbeNames {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]+");
    /** Says what a valid name is, to follow a message that names an invalid one. */
    public static final String RULE = "use letters, digits, '_' and '-'";

    private ProbeNames() {
    }

    public static boolean isValid(String name) {
        return VALID.matcher(name).matches();
    }
}
