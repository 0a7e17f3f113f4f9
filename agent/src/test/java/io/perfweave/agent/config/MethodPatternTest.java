package io.perfweave.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MethodPatternTest {

    private static final String EXPECTED_FORM = "expected <class>#<method> or <class>#<method>(<parameter types>)";

    @Test
    void exactClassAndMethod() {
        MethodPattern pattern = MethodPattern.parse("com.acme.Checkout#process");

        assertThat(pattern.matchesType("com.acme.Checkout")).isTrue();
        assertThat(pattern.matchesType("com.acme.CheckoutService")).isFalse();
        assertThat(pattern.matchesType("org.acme.Checkout")).isFalse();
        assertThat(pattern.matchesMethod("process", List.of())).isTrue();
        assertThat(pattern.matchesMethod("process", List.of("java.lang.String", "int"))).isTrue();
        assertThat(pattern.matchesMethod("processAll", List.of())).isFalse();
        assertThat(pattern.matchesMethodName(MethodPattern.CONSTRUCTOR)).isFalse();
        assertThat(pattern).hasToString("com.acme.Checkout#process");
    }

    @Test
    void surroundingWhiteSpaceIsIgnored() {
        MethodPattern pattern = MethodPattern.parse("  com.acme.Checkout # process ( int ) ");

        assertThat(pattern.matchesType("com.acme.Checkout")).isTrue();
        assertThat(pattern.matchesMethod("process", List.of("int"))).isTrue();
    }

    @Test
    void classGlobsSpanPackagesAndNestedClasses() {
        MethodPattern pattern = MethodPattern.parse("com.acme.*Service#*");

        assertThat(pattern.matchesType("com.acme.OrderService")).isTrue();
        assertThat(pattern.matchesType("com.acme.orders.OrderService")).isTrue();
        assertThat(pattern.matchesType("com.acme.Outer$InnerService")).isTrue();
        assertThat(pattern.matchesType("com.acme.OrderServiceImpl")).isFalse();
        assertThat(pattern.matchesType("org.acme.OrderService")).isFalse();
    }

    @Test
    void nestedClassesAreNamedWithDollar() {
        MethodPattern pattern = MethodPattern.parse("com.acme.Outer$Inner#run");

        assertThat(pattern.matchesType("com.acme.Outer$Inner")).isTrue();
        assertThat(pattern.matchesType("com.acme.Outer")).isFalse();
        assertThat(pattern.matchesType("com.acme.Outer.Inner")).isFalse();
    }

    @Test
    void methodGlobs() {
        MethodPattern pattern = MethodPattern.parse("com.acme.Checkout#get*");

        assertThat(pattern.matchesMethodName("getTotal")).isTrue();
        assertThat(pattern.matchesMethodName("get")).isTrue();
        assertThat(pattern.matchesMethodName("setTotal")).isFalse();
        assertThat(pattern.matchesMethodName("target")).isFalse();
    }

    @Test
    void aWildcardNeverSelectsConstructors() {
        MethodPattern any = MethodPattern.parse("com.acme.Checkout#*");

        assertThat(any.matchesMethodName("process")).isTrue();
        assertThat(any.matchesMethodName(MethodPattern.CONSTRUCTOR)).isFalse();
    }

    @Test
    void initSelectsOnlyConstructors() {
        MethodPattern constructors = MethodPattern.parse("com.acme.Checkout#<init>");

        assertThat(constructors.matchesMethodName(MethodPattern.CONSTRUCTOR)).isTrue();
        assertThat(constructors.matchesMethod("<init>", List.of("int"))).isTrue();
        assertThat(constructors.matchesMethodName("init")).isFalse();
        assertThat(constructors.matchesMethodName("process")).isFalse();
    }

    @Test
    void initWithAParameterListSelectsOneConstructor() {
        MethodPattern pattern = MethodPattern.parse("com.acme.Checkout#<init>(String)");

        assertThat(pattern.matchesMethod("<init>", List.of("java.lang.String"))).isTrue();
        assertThat(pattern.matchesMethod("<init>", List.of())).isFalse();
    }

    @Test
    void anExactParameterListSelectsOneOverload() {
        MethodPattern pattern = MethodPattern.parse("com.acme.Checkout#process(java.lang.String, int)");

        assertThat(pattern.matchesMethod("process", List.of("java.lang.String", "int"))).isTrue();
        assertThat(pattern.matchesMethod("process", List.of("java.lang.String", "long"))).isFalse();
        assertThat(pattern.matchesMethod("process", List.of("int", "java.lang.String"))).isFalse();
        assertThat(pattern.matchesMethod("process", List.of("java.lang.String"))).isFalse();
        assertThat(pattern.matchesMethod("process", List.of("java.lang.String", "int", "int"))).isFalse();
    }

    @Test
    void simpleTypeNamesMatchAnyPackageButQualifiedNamesMustMatchExactly() {
        MethodPattern simple = MethodPattern.parse("com.acme.Checkout#process(String)");
        MethodPattern qualified = MethodPattern.parse("com.acme.Checkout#process(java.lang.String)");

        assertThat(simple.matchesParameters(List.of("java.lang.String"))).isTrue();
        assertThat(simple.matchesParameters(List.of("com.acme.String"))).isTrue();
        assertThat(simple.matchesParameters(List.of("com.acme.Outer$String"))).isTrue();
        assertThat(simple.matchesParameters(List.of("java.lang.StringBuilder"))).isFalse();
        assertThat(MethodPattern.parse("com.acme.Checkout#process(Outer$Line)").matchesParameters(List.of("com.acme.Outer$Line")))
                .isTrue();
        assertThat(qualified.matchesParameters(List.of("java.lang.String"))).isTrue();
        assertThat(qualified.matchesParameters(List.of("com.acme.String"))).isFalse();
    }

    @Test
    void arrayParameters() {
        MethodPattern pattern = MethodPattern.parse("com.acme.Codec#encode(int[], String[][])");

        assertThat(pattern.matchesParameters(List.of("int[]", "java.lang.String[][]"))).isTrue();
        assertThat(pattern.matchesParameters(List.of("int", "java.lang.String[][]"))).isFalse();
        assertThat(pattern.matchesParameters(List.of("int[]", "java.lang.String[]"))).isFalse();
        assertThat(pattern.matchesParameters(List.of("long[]", "java.lang.String[][]"))).isFalse();
    }

    @Test
    void wildcardParameterTypes() {
        MethodPattern pattern = MethodPattern.parse("com.acme.Checkout#process(java.util.*, *)");

        assertThat(pattern.matchesParameters(List.of("java.util.List", "int"))).isTrue();
        assertThat(pattern.matchesParameters(List.of("java.util.Map$Entry", "java.lang.String"))).isTrue();
        assertThat(pattern.matchesParameters(List.of("java.lang.String", "int"))).isFalse();
        assertThat(pattern.matchesParameters(List.of("java.util.List"))).isFalse();
    }

    @Test
    void aTrailingDoubleDotMatchesAnyRemainingParameters() {
        MethodPattern pattern = MethodPattern.parse("com.acme.Checkout#process(String, ..)");

        assertThat(pattern.matchesParameters(List.of("java.lang.String"))).isTrue();
        assertThat(pattern.matchesParameters(List.of("java.lang.String", "int"))).isTrue();
        assertThat(pattern.matchesParameters(List.of("java.lang.String", "int", "long[]"))).isTrue();
        assertThat(pattern.matchesParameters(List.of())).isFalse();
        assertThat(pattern.matchesParameters(List.of("int", "java.lang.String"))).isFalse();
    }

    @Test
    void onlyDoubleDotMatchesEveryParameterList() {
        MethodPattern pattern = MethodPattern.parse("com.acme.Checkout#process(..)");

        assertThat(pattern.matchesParameters(List.of())).isTrue();
        assertThat(pattern.matchesParameters(List.of("int", "int"))).isTrue();
    }

    @Test
    void emptyParenthesesSelectOnlyMethodsWithoutParameters() {
        MethodPattern pattern = MethodPattern.parse("com.acme.Checkout#process()");

        assertThat(pattern.matchesMethod("process", List.of())).isTrue();
        assertThat(pattern.matchesMethod("process", List.of("int"))).isFalse();
    }

    @Test
    void withoutAParameterListEveryOverloadMatches() {
        MethodPattern pattern = MethodPattern.parse("com.acme.Checkout#process");

        assertThat(pattern.matchesParameters(List.of())).isTrue();
        assertThat(pattern.matchesParameters(List.of("int"))).isTrue();
        assertThat(pattern.matchesParameters(List.of("int", "java.lang.String[]"))).isTrue();
    }

    @Test
    void unicodeNamesAreAccepted() {
        MethodPattern pattern = MethodPattern.parse("com.acme.Bestellung#prüfe");

        assertThat(pattern.matchesMethodName("prüfe")).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "com.acme.Checkout.process          | no '#' between class and method",
        "\"#process\"                       | the class part before '#' is empty",
        "com.acme.Checkout#                 | the method part after '#' is empty",
        "com.acme.Checkout#(int)            | the method part after '#' is empty",
        "com.acme..Checkout#process         | 'com.acme..Checkout' is not a binary class name",
        ".com.acme.Checkout#process         | is not a binary class name",
        "com.acme.Checkout.#process         | is not a binary class name",
        "com.acme/Checkout#process          | is not a binary class name",
        "com.acme.Checkout#pro-cess         | 'pro-cess' is not a method name",
        "com.acme.Checkout#pro.cess         | 'pro.cess' is not a method name",
        "com.acme.Checkout#<clinit>         | '<clinit>' is not a method name",
        "com.acme.Checkout#a#b              | 'a#b' is not a method name",
        "com.acme.Checkout#process(.., int) | '..' may only stand last in the parameter list",
        "com.acme.Checkout#process(int,)    | parameter 2 ('') is not a type name",
        "com.acme.Checkout#process(int-x)   | parameter 1 ('int-x') is not a type name",
        "com.acme.Checkout#process(int[)    | parameter 1 ('int[') is not a type name",
        "com.acme.Checkout#process(int      | the parameter list must be one '(...)' at the end",
        "com.acme.Checkout#process(int))    | the parameter list must be one '(...)' at the end",
        "com.acme.Checkout#process((int)    | the parameter list must be one '(...)' at the end",
        "com.acme.Checkout#process(int)x    | the parameter list must be one '(...)' at the end",
        "com.acme.Checkout#process)         | 'process)' is not a method name",
    })
    void malformedPatternsAreRejectedWithTheReasonThePatternAndTheExpectedForm(String text, String reason) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MethodPattern.parse(text))
                .withMessageContaining("malformed method pattern '" + text.strip() + "'")
                .withMessageContaining(reason)
                .withMessageContaining(EXPECTED_FORM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void anEmptyPatternIsMalformed(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MethodPattern.parse(text))
                .withMessageContaining("no '#' between class and method")
                .withMessageContaining(EXPECTED_FORM);
    }
}
