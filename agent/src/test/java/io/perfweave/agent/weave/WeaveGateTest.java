package io.perfweave.agent.weave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.perfweave.agent.config.Glob;
import io.perfweave.agent.config.MethodPattern;
import io.perfweave.agent.config.ProbeSpec;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WeaveGateTest {

    private static final byte[] PLAIN = "class file without annotations".getBytes(StandardCharsets.UTF_8);
    private static final byte[] WOVEN = {42};
    private final ClassLoader appLoader = getClass().getClassLoader();

    private static ProbeSpec probe(int id, MethodPattern pattern) {
        return new ProbeSpec(id, "p" + id, pattern, false);
    }

    private static WeaveGate gate(List<ProbeSpec> probes, Optional<Glob> profiled, long waitNanos) {
        return new WeaveGate(probes, profiled, WeaveGateTest.class.getClassLoader().getParent(), waitNanos);
    }

    @Test
    void aClassNoProbeNamesLoadsAtOnceAndNeverReachesByteBuddy() throws Exception {
        WeaveGate gate = gate(List.of(probe(0, MethodPattern.parse("com.acme.*Repository#save"))), Optional.empty(),
                TimeUnit.HOURS.toNanos(1));
        // Never opened: a class that had to wait would hang this test.
        assertThat(gate.transform(null, appLoader, "com/acme/Checkout", null, null, PLAIN)).isNull();
        assertThat(gate.transform(null, appLoader, "java/util/ArrayList", null, null, PLAIN)).isNull();
    }

    @Test
    void aClassAProbeNamesWaitsForTheWeaverAndIsHandedToIt() throws Exception {
        WeaveGate gate = gate(List.of(probe(0, MethodPattern.parse("com.acme.*Repository#save"))), Optional.empty(),
                TimeUnit.HOURS.toNanos(1));
        AtomicReference<byte[]> result = new AtomicReference<>();
        Thread loading = new Thread(() -> {
            try {
                result.set(gate.transform(null, appLoader, "com/acme/OrderRepository", null, null, PLAIN));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        loading.start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> loading.getState() == Thread.State.WAITING
                || loading.getState() == Thread.State.TIMED_WAITING);
        assertThat(result.get()).isNull();

        AtomicInteger handed = new AtomicInteger();
        gate.open(new ClassFileTransformer() {
            @Override
            public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                                    ProtectionDomain domain, byte[] classFile) {
                handed.incrementAndGet();
                return name.equals("com/acme/OrderRepository") ? WOVEN : null;
            }
        });
        loading.join(10_000);
        assertThat(result.get()).isEqualTo(WOVEN);
        assertThat(handed).hasValue(1);
        assertThat(gate.loadedUnwoven()).isEmpty();
    }

    @Test
    void aClassThatCannotWaitLongerLoadsUnwovenAndIsRemembered() throws Exception {
        WeaveGate gate = gate(List.of(probe(0, MethodPattern.parse("com.acme.Checkout#process"))), Optional.empty(),
                TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(gate.transform(null, appLoader, "com/acme/Checkout", null, null, PLAIN)).isNull();
        assertThat(gate.loadedUnwoven()).containsExactly("com.acme.Checkout");
    }

    @Test
    void aFailedSetUpLetsEveryClassLoadUnwoven() throws Exception {
        WeaveGate gate = gate(List.of(probe(0, MethodPattern.parse("com.acme.Checkout#process"))), Optional.empty(),
                TimeUnit.HOURS.toNanos(1));
        gate.open(null);
        assertThat(gate.transform(null, appLoader, "com/acme/Checkout", null, null, PLAIN)).isNull();
    }

    @Test
    void theAgentsOwnClassesAndIgnoredClassesNeverWait() throws Exception {
        ClassLoader agentLoader = appLoader.getParent();
        WeaveGate gate = new WeaveGate(List.of(probe(0, MethodPattern.parse("*#run"))), Optional.empty(), agentLoader,
                TimeUnit.HOURS.toNanos(1));
        assertThat(gate.transform(null, agentLoader, "com/acme/Task", null, null, PLAIN)).isNull();
        assertThat(gate.transform(null, appLoader, "java/lang/Thread", null, null, PLAIN)).isNull();
        assertThat(gate.transform(null, appLoader, null, null, null, PLAIN)).isNull();
    }

    @Test
    void aProbeNarrowedByAnAnnotationSelectsOnlyClassesWhoseFileMentionsIt() {
        WeaveGate gate = gate(List.of(probe(0, MethodPattern.parse("com.acme.*#*").withAnnotation("com.acme.Timed$Fast"))),
                Optional.empty(), 0);
        byte[] mentioning = "....Lcom/acme/Timed$Fast;....".getBytes(StandardCharsets.UTF_8);
        assertThat(gate.mayBeWoven("com.acme.Checkout", appLoader, mentioning)).isTrue();
        assertThat(gate.mayBeWoven("com.acme.Checkout", appLoader, PLAIN)).isFalse();
        assertThat(gate.mayBeWoven("org.other.Checkout", appLoader, mentioning)).isFalse();
    }

    @Test
    void profiledSearchSelectsApplicationClassesMentioningTheAnnotation() {
        WeaveGate gate = gate(List.of(), Optional.of(Glob.of("com.acme.*")), 0);
        byte[] profiled = "xxLio/perfweave/api/Profiled;".getBytes(StandardCharsets.UTF_8);
        assertThat(gate.mayBeWoven("com.acme.Checkout", appLoader, profiled)).isTrue();
        assertThat(gate.mayBeWoven("com.acme.Checkout", appLoader, PLAIN)).isFalse();
        assertThat(gate.mayBeWoven("org.other.Checkout", appLoader, profiled)).isFalse();
        assertThat(gate.mayBeWoven("com.acme.Checkout", null, profiled)).as("bootstrap loader").isFalse();
        assertThat(gate.mayBeWoven("com.acme.Checkout", appLoader, null)).as("bytes unknown").isTrue();
    }

    @Test
    void aClassPatternCouldNameAJdkClassUnlessItsLiteralPrefixRulesOutEveryJdkPackage() {
        Set<String> jdk = Set.of("java.util.", "java.util.concurrent.", "com.sun.net.httpserver.");
        assertThat(BackgroundWeaving.couldNameJdkClass("com.acme.shop.", jdk)).isFalse();
        assertThat(BackgroundWeaving.couldNameJdkClass("demo.Main", jdk)).isFalse();
        assertThat(BackgroundWeaving.couldNameJdkClass("java.util.ArrayList", jdk)).isTrue();
        assertThat(BackgroundWeaving.couldNameJdkClass("java.ut", jdk)).isTrue();
        assertThat(BackgroundWeaving.couldNameJdkClass("com.", jdk)).isTrue();
        assertThat(BackgroundWeaving.couldNameJdkClass("", jdk)).isTrue();
        assertThat(BackgroundWeaving.couldNameJdkClass("java.utility.Foo", jdk)).isFalse();
    }
}
