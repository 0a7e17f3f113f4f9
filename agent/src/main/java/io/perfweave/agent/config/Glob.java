package io.perfweave.agent.config;

import java.util.regex.Pattern;

/**
 * A name pattern where {@code *} stands for any run of characters (dots and {@code $} included)
 * and every other character stands for itself. Matching runs for every class the JVM loads, so
 * patterns without a wildcard compare strings and the others reject on their literal prefix before
 * trying the regular expression.
 */
public final class Glob {

    private final String text;
    private final String literalPrefix;
    private final Pattern regex;

    private Glob(String text) {
        this.text = text;
        int star = text.indexOf('*');
        this.literalPrefix = star < 0 ? text : text.substring(0, star);
        this.regex = star < 0 ? null : toRegex(text);
    }

    public static Glob of(String text) {
        return new Glob(text);
    }

    public boolean matches(String name) {
        if (regex == null) {
            return text.equals(name);
        }
        return name.startsWith(literalPrefix) && regex.matcher(name).matches();
    }

    /** The characters before the first {@code *}: every name this glob matches starts with them. */
    public String literalPrefix() {
        return literalPrefix;
    }

    public boolean hasWildcard() {
        return regex != null;
    }

    private static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        int literalStart = 0;
        for (int i = 0; i < glob.length(); i++) {
            if (glob.charAt(i) == '*') {
                if (i > literalStart) {
                    regex.append(Pattern.quote(glob.substring(literalStart, i)));
                }
                regex.append(".*");
                literalStart = i + 1;
            }
        }
        if (literalStart < glob.length()) {
            regex.append(Pattern.quote(glob.substring(literalStart)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    @Override
    public String toString() {
        return text;
    }
}
