package io.perfweave.agent.weave;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.config.MethodPattern;
import io.perfweave.agent.config.ProbeSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;

class ProbeMethodMatcherTest {

    /** Has a lambda, whose body the compiler emits as a private synthetic method. */
    public static class WithLambda {
        public Runnable task() {
            return () -> System.out.print("");
        }
    }

    /** Declares what no probe may select: a native method and a static initializer. */
    public static class Unweavable {
        static final long LOADED_AT;

        static {
            LOADED_AT = System.nanoTime();
        }

        public native int nativeCall();

        public int plain() {
            return 1;
        }
    }

    private static TypeDescription.Generic generic(Class<?> type) {
        return TypeDescription.ForLoadedType.of(type).asGenericType();
    }

    private static MethodDescription latentMethod(TypeDescription owner, String name, Class<?>... parameters) {
        List<TypeDescription.Generic> types = Arrays.stream(parameters).map(ProbeMethodMatcherTest::generic).toList();
        return new MethodDescription.Latent(owner,
                new MethodDescription.Token(name, Opcodes.ACC_PUBLIC, TypeDescription.Generic.VOID, types));
    }

    /**
     * The signatures, as the report names them, of the methods of {@code type} that {@code pattern}
     * selects. The type is described from its class file, as the agent sees a class being loaded, so
     * that its static initializer is among its methods.
     */
    private static List<String> selected(Class<?> type, String pattern) {
        TypeDescription description = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(type.getClassLoader()))
                .describe(type.getName()).resolve();
        ProbeMethodMatcher matcher = new ProbeMethodMatcher(MethodPattern.parse(pattern));
        return description.getDeclaredMethods().filter(matcher).stream()
                .map(m -> ProbeMethodMatcher.signature(description, m))
                .sorted()
                .toList();
    }

    @Test
    void aSignatureNamesTheClassTheMethodAndTheParameterTypes() {
        TypeDescription type = new TypeDescription.Latent("com.acme.A", Opcodes.ACC_PUBLIC, TypeDescription.Generic.OBJECT);

        assertThat(ProbeMethodMatcher.signature(type, latentMethod(type, "m", String.class, int[].class)))
                .isEqualTo("com.acme.A#m(java.lang.String,int[])");
        assertThat(ProbeMethodMatcher.signature(type, latentMethod(type, "n")))
                .isEqualTo("com.acme.A#n()");
        assertThat(ProbeMethodMatcher.signature(type, latentMethod(type, "o", Map.Entry.class, String[][].class, long.class)))
                .isEqualTo("com.acme.A#o(java.util.Map$Entry,java.lang.String[][],long)");
        assertThat(ProbeMethodMatcher.signature(type, latentMethod(type, MethodDescription.CONSTRUCTOR_INTERNAL_NAME, int.class)))
                .isEqualTo("com.acme.A#<init>(int)");
    }

    @Test
    void aWildcardSelectsEveryMethodWithCodeButNoConstructorOrBridge() {
        String target = WeaverTest.Target.class.getName();

        assertThat(selected(WeaverTest.Target.class, target + "#*")).containsExactly(
                target + "#add(int,int)",
                target + "#add(long,long)",
                target + "#compareTo(" + target + ")",
                target + "#fail(java.lang.RuntimeException)",
                target + "#greet(java.lang.String)",
                target + "#twice(int)",
                target + "#untouched()");
    }

    @Test
    void lambdaBodiesAreSelectedOnlyWhenNamedWithoutWildcard() {
        String type = WithLambda.class.getName();

        assertThat(selected(WithLambda.class, type + "#*")).containsExactly(type + "#task()");
        assertThat(selected(WithLambda.class, type + "#lambda$task$0")).containsExactly(type + "#lambda$task$0()");
    }

    @Test
    void initSelectsTheConstructors() {
        String target = WeaverTest.Target.class.getName();

        assertThat(selected(WeaverTest.Target.class, target + "#<init>")).containsExactly(target + "#<init>(int)");
    }

    @Test
    void parameterListsSelectOverloads() {
        String target = WeaverTest.Target.class.getName();

        assertThat(selected(WeaverTest.Target.class, target + "#add(long, long)")).containsExactly(target + "#add(long,long)");
        assertThat(selected(WeaverTest.Target.class, target + "#*(String)")).containsExactly(target + "#greet(java.lang.String)");
        assertThat(selected(WeaverTest.Target.class, target + "#compareTo(Object)")).isEmpty();
    }

    @Test
    void abstractMethodsAreNotSelected() {
        String shape = WeaverTest.Shape.class.getName();

        assertThat(selected(WeaverTest.Shape.class, shape + "#*")).containsExactly(shape + "#doubledArea()");
    }

    @Test
    void nativeMethodsAndStaticInitializersAreNotSelected() {
        String type = Unweavable.class.getName();

        assertThat(selected(Unweavable.class, type + "#*")).containsExactly(type + "#plain()");
    }

    @Test
    void aWovenProbeMatchesTheTypesOfItsClassPattern() {
        WovenProbe probe = WovenProbe.of(
                new ProbeSpec(3090, "target", MethodPattern.parse(WeaverTest.class.getName() + "$T*#greet"), false), false);

        assertThat(probe.matchesType(TypeDescription.ForLoadedType.of(WeaverTest.Target.class))).isTrue();
        assertThat(probe.matchesType(TypeDescription.ForLoadedType.of(WeaverTest.Shape.class))).isFalse();
        assertThat(probe.spec().id()).isEqualTo(3090);
    }
}
