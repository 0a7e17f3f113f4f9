package io.perfweave.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which methods a probe times: {@code <class>#<method>} or {@code <class>#<method>(<parameters>)}.
 *
 * <ul>
 *   <li>{@code <class>} is a binary class name as in stack traces ({@code com.acme.Outer$Inner});
 *   <li>{@code <method>} is a method name, or {@code <init>} for constructors (a wildcard never
 *       selects constructors: they are timed only when named);
 *   <li>both may use {@code *} for any run of characters, see {@link Glob};
 *   <li>the optional parameter list narrows overloads: comma-separated type names, each either
 *       fully qualified ({@code java.lang.String}) or simple ({@code String}), arrays written
 *       {@code int[]}, {@code *} wildcards allowed, and a final {@code ..} matching any remaining
 *       parameters. {@code ()} selects methods without parameters.
 * </ul>
 */
public final class MethodPattern {

    public static final String CONSTRUCTOR = "<init>";
    private static final String ANY_REMAINING = "..";
    private static final Pattern NAME_PATTERN = Pattern.compile("[\\p{L}\\p{N}_$.*]+");
    private static final Pattern METHOD_PATTERN = Pattern.compile("<init>|[\\p{L}\\p{N}_$*]+");
    private static final Pattern TYPE_PATTERN = Pattern.compile("[\\p{L}\\p{N}_$.*]+(\\[])*");

    private final String text;
    private final Glob classGlob;
    private final Glob methodGlob;
    private final boolean constructor;
    /** {@code null} when no parameter list was given: every overload matches. */
    private final List<Glob> parameters;
    private final boolean trailingAnyParameters;
    /** Binary name of an annotation the method must carry, or {@code null}. */
    private final String requiredAnnotation;
    /** Selects every method and constructor (of the matching classes) that carries the annotation. */
    private final boolean anyMember;

    private MethodPattern(String text, Glob classGlob, Glob methodGlob, List<Glob> parameters, boolean trailingAny,
                          String requiredAnnotation, boolean anyMember) {
        this.text = text;
        this.classGlob = classGlob;
        this.methodGlob = methodGlob;
        this.constructor = CONSTRUCTOR.equals(methodGlob.toString());
        this.parameters = parameters;
        this.trailingAnyParameters = trailingAny;
        this.requiredAnnotation = requiredAnnotation;
        this.anyMember = anyMember;
    }

    /**
     * Every method and constructor, in any class, that carries the annotation.
     *
     * @throws IllegalArgumentException if {@code annotation} is not a binary class name
     */
    public static MethodPattern annotatedWith(String annotation) {
        String name = checkAnnotationName(annotation);
        return new MethodPattern("@" + name, Glob.of("*"), Glob.of("*"), null, false, name, true);
    }

    /** This pattern, narrowed to the methods that also carry the annotation. */
    public MethodPattern withAnnotation(String annotation) {
        String name = checkAnnotationName(annotation);
        return new MethodPattern("@" + name + " " + text, classGlob, methodGlob, parameters, trailingAnyParameters,
                name, false);
    }

    private static String checkAnnotationName(String annotation) {
        String name = annotation.strip();
        if (!NAME_PATTERN.matcher(name).matches() || name.contains("*") || name.contains("..")
                || name.startsWith(".") || name.endsWith(".")) {
            throw new IllegalArgumentException("'" + annotation.strip() + "' is not an annotation class name;"
                    + " expected a binary class name such as com.acme.Timed");
        }
        return name;
    }

    /** The annotation a method must carry to match, or {@code null}. */
    public String requiredAnnotation() {
        return requiredAnnotation;
    }

    /**
     * Parses a pattern.
     *
     * @throws IllegalArgumentException with a message that says what is wrong and shows the form
     */
    public static MethodPattern parse(String text) {
        String pattern = text.strip();
        int hash = pattern.indexOf('#');
        if (hash < 0) {
            throw malformed(text, "no '#' between class and method");
        }
        String classPart = pattern.substring(0, hash).strip();
        String rest = pattern.substring(hash + 1).strip();
        if (classPart.isEmpty()) {
            throw malformed(text, "the class part before '#' is empty");
        }
        if (!NAME_PATTERN.matcher(classPart).matches() || classPart.contains("..")
                || classPart.startsWith(".") || classPart.endsWith(".")) {
            throw malformed(text, "'" + classPart + "' is not a binary class name (letters, digits, _, $, '.', '*')");
        }
        String methodPart = rest;
        List<Glob> parameters = null;
        boolean trailingAny = false;
        int open = rest.indexOf('(');
        if (open >= 0) {
            if (!rest.endsWith(")") || rest.indexOf(')') != rest.length() - 1 || rest.indexOf('(', open + 1) >= 0) {
                throw malformed(text, "the parameter list must be one '(...)' at the end");
            }
            methodPart = rest.substring(0, open).strip();
            parameters = new ArrayList<>();
            String inside = rest.substring(open + 1, rest.length() - 1).strip();
            if (!inside.isEmpty()) {
                String[] types = inside.split(",", -1);
                for (int i = 0; i < types.length; i++) {
                    String type = types[i].strip();
                    if (type.equals(ANY_REMAINING)) {
                        if (i != types.length - 1) {
                            throw malformed(text, "'..' may only stand last in the parameter list");
                        }
                        trailingAny = true;
                    } else if (!TYPE_PATTERN.matcher(type).matches()) {
                        throw malformed(text, "parameter " + (i + 1) + " ('" + type + "') is not a type name");
                    } else {
                        parameters.add(Glob.of(type));
                    }
                }
            }
        }
        if (methodPart.isEmpty()) {
            throw malformed(text, "the method part after '#' is empty");
        }
        if (!METHOD_PATTERN.matcher(methodPart).matches()) {
            throw malformed(text, "'" + methodPart + "' is not a method name (letters, digits, _, $, '*', or <init>)");
        }
        return new MethodPattern(pattern, Glob.of(classPart), Glob.of(methodPart), parameters, trailingAny, null, false);
    }

    private static IllegalArgumentException malformed(String text, String reason) {
        return new IllegalArgumentException("malformed method pattern '" + text.strip() + "': " + reason
                + "; expected <class>#<method> or <class>#<method>(<parameter types>),"
                + " for example com.acme.Checkout#process(java.lang.String, int)");
    }

    /** Whether the method part has a wildcard, rather than naming one method. */
    public boolean methodNameHasWildcard() {
        return methodGlob.hasWildcard();
    }

    /** Every class this pattern can match has a binary name starting with this. */
    public String classNamePrefix() {
        return classGlob.literalPrefix();
    }

    public boolean matchesType(String binaryClassName) {
        return classGlob.matches(binaryClassName);
    }

    /**
     * @param name           the method's name, {@code <init>} for a constructor
     * @param parameterTypes the parameter types as Java source writes them but with binary names
     *                       for nested classes: {@code int}, {@code java.lang.String[]}, {@code a.B$C}
     */
    public boolean matchesMethod(String name, List<String> parameterTypes) {
        return matchesMethodName(name) && matchesParameters(parameterTypes);
    }

    /** The cheap half of {@link #matchesMethod}, to try before building the parameter list. */
    public boolean matchesMethodName(String name) {
        return anyMember || (CONSTRUCTOR.equals(name) == constructor && methodGlob.matches(name));
    }

    /** The other half of {@link #matchesMethod}. */
    public boolean matchesParameters(List<String> parameterTypes) {
        if (parameters == null) {
            return true;
        }
        int count = parameterTypes.size();
        if (trailingAnyParameters ? count < parameters.size() : count != parameters.size()) {
            return false;
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (!matchesType(parameters.get(i), parameterTypes.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** An unqualified type pattern also matches the name without its package, and a nested type's own name. */
    private static boolean matchesType(Glob glob, String typeName) {
        if (glob.matches(typeName)) {
            return true;
        }
        if (glob.toString().indexOf('.') >= 0) {
            return false;
        }
        String withoutPackage = typeName.substring(typeName.lastIndexOf('.') + 1);
        return glob.matches(withoutPackage) || glob.matches(withoutPackage.substring(withoutPackage.lastIndexOf('$') + 1));
    }

    @Override
    public String toString() {
        return text;
    }
}
