package io.perfweave.agent.weave;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IgnoredTypesTest {

    private static boolean ignored(String name) {
        return IgnoredTypes.isIgnoredName(name);
    }

    private static boolean ignored(Class<?> type) {
        return IgnoredTypes.isIgnoredName(type.getName());
    }

    @Test
    void applicationAndLibraryClassesMayBeWoven() {
        assertThat(ignored("com.acme.Checkout")).isFalse();
        assertThat(ignored("com.acme.Checkout$Line")).isFalse();
        assertThat(ignored("io.perfweave.sample.OrderService")).isFalse();
        assertThat(ignored(ArrayList.class)).isFalse();
    }

    @Test
    void classesTheProbeRuntimeCallsAreNeverWoven() {
        assertThat(ignored(String.class)).isTrue();
        assertThat(ignored(ThreadLocal.class)).isTrue();
        assertThat(ignored(java.lang.invoke.VarHandle.class)).isTrue();
        assertThat(ignored(java.lang.ref.WeakReference.class)).isTrue();
        assertThat(ignored(AtomicLong.class)).isTrue();
    }

    @Test
    void jdkInternalsAreNeverWoven() {
        assertThat(ignored("jdk.internal.misc.Unsafe")).isTrue();
        assertThat(ignored("sun.nio.ch.FileChannelImpl")).isTrue();
        assertThat(ignored("com.sun.crypto.provider.AESCrypt")).isTrue();
    }

    @Test
    void theAgentItselfIsNeverWoven() {
        assertThat(ignored(Weaver.class)).isTrue();
        assertThat(ignored(io.perfweave.agent.probe.Probes.class)).isTrue();
        assertThat(ignored("io.perfweave.agent.shaded.bytebuddy.ByteBuddy")).isTrue();
    }

    @Test
    void lambdaClassesAreNeverWoven() {
        Runnable lambda = () -> { };

        assertThat(ignored("com.acme.Checkout$$Lambda$17/0x0000000800c01234")).isTrue();
        assertThat(ignored("com.acme.Checkout$$Lambda$17")).isTrue();
        assertThat(ignored("com.acme.Checkout/0x0000000800c01234")).isTrue();
        assertThat(ignored(lambda.getClass())).isTrue();
    }

    @Test
    void aPrefixMatchesWholePackageNamesOnly() {
        assertThat(ignored("java.language.Parser")).isFalse();
        assertThat(ignored("sunrise.Clock")).isFalse();
        assertThat(ignored("io.perfweave.agentless.Tool")).isFalse();
    }

    @Test
    void annotationTypesHaveNothingToTime() {
        assertThat(IgnoredTypes.hasNothingToTime(net.bytebuddy.description.type.TypeDescription.ForLoadedType.of(Deprecated.class)))
                .isTrue();
        assertThat(IgnoredTypes.hasNothingToTime(net.bytebuddy.description.type.TypeDescription.ForLoadedType.of(ArrayList.class)))
                .isFalse();
    }
}
