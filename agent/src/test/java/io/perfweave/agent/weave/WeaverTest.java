package io.perfweave.agent.weave;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.config.MethodPattern;
import io.perfweave.agent.config.ProbeSpec;
import io.perfweave.agent.probe.ProbeRing;
import io.perfweave.agent.probe.ProbeRings;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Weaves the advice of {@link Weaver.WovenProbe} into test classes without an agent: Byte Buddy
 * redefines a class and loads the result in a child-first class loader, and the woven code records
 * into the same probe runtime the agent uses. Calls run on a thread of their own, whose ring is
 * then found among the new rings.
 */
class WeaverTest {

    /** Probe ids of this test, apart from those of every other test. */
    private static final int FIRST_ID = 3001;
    private static final int LAST_ID = 3099;

    private static final String TARGET = Target.class.getName();
    private static final String SHAPE = Shape.class.getName();

    public static class Target implements Comparable<Target> {
        private final int size;

        public Target(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("negative size " + size);
            }
            this.size = size;
        }

        public String greet(String name) {
            return "hello " + name;
        }

        public static int twice(int value) {
            return 2 * value;
        }

        public long add(int a, int b) {
            return (long) a + b;
        }

        public long add(long a, long b) {
            return a + b;
        }

        public void fail(RuntimeException failure) {
            throw failure;
        }

        public int untouched() {
            return 42;
        }

        /** The compiler adds a bridge {@code compareTo(Object)} that calls this method. */
        @Override
        public int compareTo(Target other) {
            return Integer.compare(size, other.size);
        }
    }

    public abstract static class Shape {
        public abstract double area();

        public double doubledArea() {
            return 2 * area();
        }
    }

    public static class Square extends Shape {
        @Override
        public double area() {
            return 9;
        }
    }

    record Recorded(int probeId, int outcome, long durationNanos) {
        static Recorded returned(int probeId) {
            return new Recorded(probeId, ProbeRing.OUTCOME_RETURNED, 0);
        }

        static Recorded threw(int probeId) {
            return new Recorded(probeId, ProbeRing.OUTCOME_THREW, 0);
        }

        Recorded withoutDuration() {
            return new Recorded(probeId, outcome, 0);
        }
    }

    @BeforeEach
    void forgetEarlierRings() {
        drainNewRings();
    }

    private static ProbeSpec spec(int id, String pattern) {
        return new ProbeSpec(id, "probe" + id, MethodPattern.parse(pattern));
    }

    private static DynamicType.Unloaded<?> woven(Class<?> type, ProbeSpec... specs) {
        DynamicType.Builder<?> builder = new ByteBuddy().redefine(type);
        for (ProbeSpec spec : specs) {
            Weaver.WovenProbe probe = Weaver.WovenProbe.of(spec);
            builder = builder.visit(probe.advice().on(probe.methods()));
        }
        return builder.make();
    }

    private static Class<?> load(DynamicType.Unloaded<?> type) {
        Class<?> loaded = type.load(WeaverTest.class.getClassLoader(), ClassLoadingStrategy.Default.CHILD_FIRST)
                .getLoaded();
        assertThat(loaded.getClassLoader()).isNotSameAs(WeaverTest.class.getClassLoader());
        return loaded;
    }

    private static Class<?> weave(Class<?> type, ProbeSpec... specs) {
        return load(woven(type, specs));
    }

    private interface Calls {
        void run() throws Throwable;
    }

    /** Runs {@code calls} on a new thread and returns what this test's probes recorded, in order. */
    private static List<Recorded> recordedBy(Calls calls) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                calls.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "weaver-test");
        thread.start();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(thread.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
        List<Recorded> records = drainNewRings();
        assertThat(records).allSatisfy(r -> assertThat(r.durationNanos()).isNotNegative());
        return records.stream().map(Recorded::withoutDuration).toList();
    }

    private static List<Recorded> drainNewRings() {
        List<Recorded> records = new ArrayList<>();
        for (ProbeRing ring = ProbeRings.takeNewRings(); ring != null; ring = ProbeRings.nextOf(ring)) {
            ring.drain((probeId, outcome, duration, allocated) -> {
                if (probeId >= FIRST_ID && probeId <= LAST_ID) {
                    records.add(new Recorded(probeId, outcome, duration));
                }
            });
        }
        return records;
    }

    private static Object construct(Class<?> type, Object... args) throws Throwable {
        Class<?>[] parameters = new Class<?>[args.length];
        for (int i = 0; i < args.length; i++) {
            parameters[i] = args[i] instanceof Integer ? int.class : args[i].getClass();
        }
        try {
            var constructor = type.getDeclaredConstructor(parameters);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Object call(Object target, String name, Class<?>[] parameters, Object... args) throws Throwable {
        Class<?> type = target instanceof Class<?> c ? c : target.getClass();
        Method method = type.getMethod(name, parameters);
        method.setAccessible(true);
        try {
            return method.invoke(target instanceof Class<?> ? null : target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void instanceStaticAndOneOverloadAreTimedAndReturnTheirValuesUnchanged() throws Exception {
        Class<?> target = weave(Target.class,
                spec(3001, TARGET + "#greet"),
                spec(3002, TARGET + "#twice"),
                spec(3003, TARGET + "#add(int, int)"));
        List<Object> results = new ArrayList<>();

        List<Recorded> records = recordedBy(() -> {
            Object instance = construct(target, 3);
            results.add(call(instance, "greet", new Class<?>[] {String.class}, "ada"));
            results.add(call(target, "twice", new Class<?>[] {int.class}, 21));
            results.add(call(instance, "add", new Class<?>[] {int.class, int.class}, 1, 2));
            results.add(call(instance, "add", new Class<?>[] {long.class, long.class}, 10L, 20L));
            results.add(call(instance, "untouched", new Class<?>[0]));
            results.add(call(instance, "greet", new Class<?>[] {String.class}, "bob"));
        });

        assertThat(results).containsExactly("hello ada", 42, 3L, 30L, 42, "hello bob");
        assertThat(records).containsExactly(
                Recorded.returned(3001),
                Recorded.returned(3002),
                Recorded.returned(3003),
                Recorded.returned(3001));
    }

    @Test
    void aMethodThatThrowsIsRecordedAsThrewAndTheExceptionPassesThroughUnchanged() throws Exception {
        Class<?> target = weave(Target.class, spec(3011, TARGET + "#fail"), spec(3012, TARGET + "#greet"));
        IllegalStateException failure = new IllegalStateException("out of stock");
        AtomicReference<Throwable> caught = new AtomicReference<>();

        List<Recorded> records = recordedBy(() -> {
            Object instance = construct(target, 1);
            try {
                call(instance, "fail", new Class<?>[] {RuntimeException.class}, failure);
            } catch (Throwable t) {
                caught.set(t);
            }
            call(instance, "greet", new Class<?>[] {String.class}, "ada");
        });

        assertThat(caught.get()).isSameAs(failure);
        assertThat(records).containsExactly(Recorded.threw(3011), Recorded.returned(3012));
    }

    @Test
    void constructorsAreTimedOnlyWhenNamedAndOnlyWhenTheyReturn() throws Exception {
        Class<?> target = weave(Target.class, spec(3021, TARGET + "#<init>"), spec(3022, TARGET + "#*"));
        AtomicReference<Throwable> caught = new AtomicReference<>();

        List<Recorded> records = recordedBy(() -> {
            Object instance = construct(target, 5);
            call(instance, "untouched", new Class<?>[0]);
            try {
                construct(target, -1);
            } catch (Throwable t) {
                caught.set(t);
            }
        });

        assertThat(caught.get()).isInstanceOf(IllegalArgumentException.class).hasMessage("negative size -1");
        assertThat(records).containsExactly(Recorded.returned(3021), Recorded.returned(3022));
    }

    @Test
    void aBridgeMethodIsNotWovenSoACallThroughItCountsOnce() throws Exception {
        Class<?> target = weave(Target.class, spec(3031, TARGET + "#compareTo"));
        List<Integer> results = new ArrayList<>();

        List<Recorded> records = recordedBy(() -> {
            @SuppressWarnings("unchecked")
            Comparable<Object> small = (Comparable<Object>) construct(target, 1);
            Object large = construct(target, 2);
            results.add(small.compareTo(large));
        });

        assertThat(results).containsExactly(-1);
        assertThat(records).containsExactly(Recorded.returned(3031));
    }

    @Test
    void anAbstractMethodIsNotWovenAndTheConcreteOnesOfItsClassAre() throws Exception {
        DynamicType.Unloaded<?> shape = woven(Shape.class, spec(3041, SHAPE + "#*"));
        Class<?> loadedShape = load(shape.include(new ByteBuddy().redefine(Square.class).make()));
        Class<?> square = Class.forName(Square.class.getName(), true, loadedShape.getClassLoader());
        assertThat(square.getSuperclass()).isSameAs(loadedShape);
        List<Object> results = new ArrayList<>();

        List<Recorded> records = recordedBy(() -> {
            Object instance = construct(square);
            results.add(call(instance, "doubledArea", new Class<?>[0]));
            results.add(call(instance, "area", new Class<?>[0]));
        });

        assertThat(results).containsExactly(18.0, 9.0);
        assertThat(records).containsExactly(Recorded.returned(3041));
    }
}
