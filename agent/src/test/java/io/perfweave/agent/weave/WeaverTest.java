package io.perfweave.agent.weave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.perfweave.agent.config.MethodPattern;
import io.perfweave.agent.config.ProbeSpec;
import io.perfweave.agent.probe.Drained;
import io.perfweave.agent.probe.FreshThread;
import io.perfweave.agent.probe.AllocationCounter;
import io.perfweave.agent.probe.ProbeRing;
import io.perfweave.agent.probe.ProbeRings;
import io.perfweave.agent.probe.SamplePeriods;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Weaves the advice of {@link WovenProbe} into test classes without an agent: Byte Buddy
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
    private static final String WORKER = Worker.class.getName();

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

    /** Methods that call each other, and methods that allocate. */
    public static class Worker {
        /** Where allocated arrays go, so that the JIT cannot leave them out. */
        public static volatile Object blackhole;

        public String greet(String name) {
            return "hello " + name;
        }

        public String greetTwice(String name) {
            return greet(name) + ", " + greet(name);
        }

        public long[] allocate(int length) {
            return new long[length];
        }

        public long[] allocateAndFail(RuntimeException failure) {
            blackhole = new long[1000];
            throw failure;
        }
    }

    public static class Buffer {
        private final long[] data;

        public Buffer() {
            data = new long[1000];
        }

        public int size() {
            return data.length;
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
    }

    @BeforeEach
    void forgetEarlierRings() {
        drainNewRings();
    }

    private static ProbeSpec spec(int id, String pattern) {
        return new ProbeSpec(id, "probe" + id, MethodPattern.parse(pattern), false);
    }

    private static ProbeSpec allocating(int id, String pattern) {
        return new ProbeSpec(id, "probe" + id, MethodPattern.parse(pattern), true);
    }

    private static DynamicType.Unloaded<?> woven(Class<?> type, ProbeSpec... specs) {
        DynamicType.Builder<?> builder = new ByteBuddy().redefine(type);
        for (ProbeSpec spec : specs) {
            builder = builder.visit(WovenProbe.of(spec, false).advice());
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

    /** Runs {@code calls} on a new thread and returns what this test's probes recorded, in order, without durations. */
    private static List<Recorded> recordedBy(FreshThread.Calls calls) throws InterruptedException {
        return drainedBy(calls).stream()
                .map(r -> new Recorded(r.probeId(), r.outcome(), 0))
                .toList();
    }

    /** Runs {@code calls} on a new thread and returns every field of what this test's probes recorded, in order. */
    private static List<Drained> drainedBy(FreshThread.Calls calls) throws InterruptedException {
        FreshThread.run("weaver-test", calls);
        List<Drained> records = drainNewRings();
        assertThat(records).allSatisfy(r -> {
            assertThat(r.durationNanos()).isNotNegative();
            assertThat(r.childNanos()).isBetween(0L, r.durationNanos());
        });
        return records;
    }

    private static List<Drained> drainNewRings() {
        List<ProbeRing> rings = new ArrayList<>();
        for (ProbeRing ring = ProbeRings.takeNewRings(); ring != null; ring = ProbeRings.nextOf(ring)) {
            rings.add(ring);
        }
        Collections.reverse(rings);
        List<Drained> records = new ArrayList<>();
        for (ProbeRing ring : rings) {
            ring.drain(record -> {
                if (record.probeId() >= FIRST_ID && record.probeId() <= LAST_ID) {
                    records.add(Drained.copyOf(record));
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
    void anAdaptiveProbeTimesEveryCallAtPeriodOneAndOnlyCountsTheCallsItSkipsWhenItsPeriodIsRaised() throws Exception {
        int greet = 3081;
        int fail = 3082;
        DynamicType.Builder<?> builder = new ByteBuddy().redefine(Target.class);
        for (ProbeSpec spec : List.of(spec(greet, TARGET + "#greet"), spec(fail, TARGET + "#fail"))) {
            builder = builder.visit(WovenProbe.of(spec, true).advice());
        }
        Class<?> target = load(builder.make());
        IllegalStateException failure = new IllegalStateException("expected in this test");
        List<Object> results = new ArrayList<>();
        List<Throwable> thrown = new ArrayList<>();
        FreshThread.Calls calls = () -> {
            Object instance = construct(target, 3);
            for (int i = 0; i < 10; i++) {
                results.add(call(instance, "greet", new Class<?>[] {String.class}, "ada"));
                try {
                    call(instance, "fail", new Class<?>[] {RuntimeException.class}, failure);
                } catch (IllegalStateException e) {
                    thrown.add(e);
                }
            }
        };
        try {
            assertThat(recordedBy(calls)).as("period 1").hasSize(20).contains(Recorded.returned(greet), Recorded.threw(fail));

            SamplePeriods.setPeriod(greet, 1_000_000);
            SamplePeriods.setPeriod(fail, 1_000_000);
            // A fresh thread times its first call, then skips the rest of a gap of about a million.
            assertThat(recordedBy(calls)).as("raised").containsExactlyInAnyOrder(Recorded.returned(greet), Recorded.threw(fail));
        } finally {
            SamplePeriods.setPeriod(greet, 1);
            SamplePeriods.setPeriod(fail, 1);
        }
        assertThat(results).hasSize(20).containsOnly("hello ada");
        assertThat(thrown).hasSize(20).containsOnly(failure);
    }

    @Test
    void aMethodThatThrowsIsRecordedAsThrewAndTheExceptionPassesThroughUnchanged() throws Exception {
        Class<?> target = weave(Target.class, spec(3011, TARGET + "#fail"), spec(3012, TARGET + "#greet"));
        IllegalStateException failure = new IllegalStateException("out of stock");
        AtomicReference<Throwable> caught = new AtomicReference<>();

        List<Drained> records = drainedBy(() -> {
            Object instance = construct(target, 1);
            try {
                call(instance, "fail", new Class<?>[] {RuntimeException.class}, failure);
            } catch (Throwable t) {
                caught.set(t);
            }
            call(instance, "greet", new Class<?>[] {String.class}, "ada");
        });

        assertThat(caught.get()).isSameAs(failure);
        assertThat(records).extracting(Drained::probeId, Drained::outcome, Drained::thrownType).containsExactly(
                tuple(3011, ProbeRing.OUTCOME_THREW, IllegalStateException.class),
                tuple(3012, ProbeRing.OUTCOME_RETURNED, null));
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

    @Test
    void aCallOfAWovenMethodFromAnotherIsRecordedUnderIt() throws Exception {
        Class<?> worker = weave(Worker.class, spec(3051, WORKER + "#greet"), spec(3052, WORKER + "#greetTwice"));
        List<Object> results = new ArrayList<>();

        List<Drained> records = drainedBy(() -> {
            Object instance = construct(worker);
            results.add(call(instance, "greetTwice", new Class<?>[] {String.class}, "ada"));
        });

        assertThat(results).containsExactly("hello ada, hello ada");
        assertThat(records).extracting(Drained::probeId, Drained::parentProbeId, Drained::nested).containsExactly(
                tuple(3051, 3052, false),
                tuple(3051, 3052, false),
                tuple(3052, ProbeRing.NO_PARENT, false));
        assertThat(records.get(2).childNanos()).isEqualTo(records.get(0).durationNanos() + records.get(1).durationNanos());
    }

    /** The bytes of a {@code long[1000]}: a 16-byte header (compressed class pointers, the default) and 8000 of data. */
    private static final long LONG_1000_BYTES = 8_016;

    /**
     * From the second call on, a call's bytes are exactly what the method allocated. The first call
     * of a woven class also resolves the classes its advice names (through the class loader, which
     * allocates), so it is only checked to include the method's allocation.
     */
    @Test
    void anAllocatingProbeMeasuresTheExactBytesAMethodAllocatesAndChangesNothingElse() throws Exception {
        assertThat(AllocationCounter.isSupported()).as("allocation counting on HotSpot").isTrue();
        Class<?> worker = weave(Worker.class, allocating(3061, WORKER + "#allocate"),
                allocating(3062, WORKER + "#allocateAndFail"), allocating(3063, WORKER + "#greet"));
        IllegalStateException failure = new IllegalStateException("expected in this test");
        List<Object> results = new ArrayList<>();
        List<Throwable> caught = new ArrayList<>();

        List<Drained> records = drainedBy(() -> {
            Object instance = construct(worker);
            for (int i = 0; i < 3; i++) {
                results.add(((long[]) call(instance, "allocate", new Class<?>[] {int.class}, 1000)).length);
                try {
                    call(instance, "allocateAndFail", new Class<?>[] {RuntimeException.class}, failure);
                } catch (Throwable t) {
                    caught.add(t);
                }
            }
            results.add(call(instance, "greet", new Class<?>[] {String.class}, "ada"));
        });

        assertThat(results).containsExactly(1000, 1000, 1000, "hello ada");
        assertThat(caught).containsExactly(failure, failure, failure);
        assertThat(records).extracting(Drained::probeId, Drained::outcome, Drained::thrownType).containsExactly(
                tuple(3061, ProbeRing.OUTCOME_RETURNED, null),
                tuple(3062, ProbeRing.OUTCOME_THREW, IllegalStateException.class),
                tuple(3061, ProbeRing.OUTCOME_RETURNED, null),
                tuple(3062, ProbeRing.OUTCOME_THREW, IllegalStateException.class),
                tuple(3061, ProbeRing.OUTCOME_RETURNED, null),
                tuple(3062, ProbeRing.OUTCOME_THREW, IllegalStateException.class),
                tuple(3063, ProbeRing.OUTCOME_RETURNED, null));
        assertThat(records.get(0).allocatedBytes()).isGreaterThanOrEqualTo(LONG_1000_BYTES);
        assertThat(records.subList(1, 6)).extracting(Drained::allocatedBytes).containsOnly(LONG_1000_BYTES);
        assertThat(records.get(6).allocatedBytes()).as("the string greet builds").isPositive();
    }

    @Test
    void aProbeThatDoesNotMeasureAllocationRecordsNone() throws Exception {
        Class<?> worker = weave(Worker.class, spec(3064, WORKER + "#allocate"));

        List<Drained> records = drainedBy(() -> {
            Object instance = construct(worker);
            call(instance, "allocate", new Class<?>[] {int.class}, 1000);
        });

        assertThat(records).extracting(Drained::probeId, Drained::allocatedBytes)
                .containsExactly(tuple(3064, ProbeRing.NOT_MEASURED));
    }

    /** Like methods, from the second call on (see above). */
    @Test
    void anAllocatingConstructorProbeMeasuresWhatTheConstructorAllocates() throws Exception {
        assertThat(AllocationCounter.isSupported()).as("allocation counting on HotSpot").isTrue();
        String buffer = Buffer.class.getName();
        Class<?> type = weave(Buffer.class, allocating(3071, buffer + "#<init>"), spec(3072, buffer + "#size"));
        List<Object> results = new ArrayList<>();

        List<Drained> records = drainedBy(() -> {
            for (int i = 0; i < 3; i++) {
                Object instance = construct(type);
                results.add(call(instance, "size", new Class<?>[0]));
            }
        });

        assertThat(results).containsExactly(1000, 1000, 1000);
        assertThat(records).extracting(Drained::probeId, Drained::parentProbeId).containsExactly(
                tuple(3071, ProbeRing.NO_PARENT),
                tuple(3072, ProbeRing.NO_PARENT),
                tuple(3071, ProbeRing.NO_PARENT),
                tuple(3072, ProbeRing.NO_PARENT),
                tuple(3071, ProbeRing.NO_PARENT),
                tuple(3072, ProbeRing.NO_PARENT));
        assertThat(records.get(0).allocatedBytes()).as("first call, see above").isGreaterThanOrEqualTo(LONG_1000_BYTES);
        assertThat(records).extracting(Drained::allocatedBytes).containsExactly(records.get(0).allocatedBytes(),
                ProbeRing.NOT_MEASURED, LONG_1000_BYTES, ProbeRing.NOT_MEASURED, LONG_1000_BYTES, ProbeRing.NOT_MEASURED);
    }
}
