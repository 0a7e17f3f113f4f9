package io.perfweave.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-thread probe stack, driven through {@link Probes} as woven code drives it. Every test
 * runs its calls on a thread of its own (so it starts with an empty stack and a new ring) and reads
 * back what that thread recorded. Probe runtime state is global: the ids here are used by no other test.
 */
class ProbeThreadTest {

    private static final int FIRST_ID = 3500;
    private static final int LAST_ID = 3799;

    private static final int A = 3501;
    private static final int B = 3502;
    private static final int C = 3503;
    private static final int CONSTRUCTOR = 3504;
    private static final int AFTER = 3505;
    private static final int NEVER_ENTERED = 3506;
    private static final int ALLOCATING = 3507;
    private static final int ALLOCATING_CALLEE = 3508;
    /** Ids {@code DEEP .. DEEP + MAX_DEPTH + 5}, one per stack level. */
    private static final int DEEP = 3600;

    /** Where allocated arrays go, so that the JIT cannot prove them unused and leave them out. */
    static volatile Object blackhole;

    /** As the agent does before weaving, so that no test's figures include the JVM linking the runtime. */
    @BeforeAll
    static void warmUpTheProbeRuntime() {
        ProbeRuntimeWarmUp.run();
    }

    @BeforeEach
    void forgetEarlierRings() {
        drainNewRings();
    }

    /** Runs {@code calls} on a new platform thread and returns this test's records, oldest first. */
    private static List<Drained> recordedBy(FreshThread.Calls calls) throws InterruptedException {
        FreshThread.run("probe-thread-test", calls);
        return drainNewRings();
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

    private static Drained only(List<Drained> records, int probeId) {
        List<Drained> matching = records.stream().filter(r -> r.probeId() == probeId).toList();
        assertThat(matching).as("records of probe %d", probeId).hasSize(1);
        return matching.get(0);
    }

    @Test
    void nestedCallsNameTheirParentAndTheirTimeIsTheParentsChildTime() throws InterruptedException {
        IllegalStateException failure = new IllegalStateException("expected in this test");

        List<Drained> records = recordedBy(() -> {
            Probes.enter(A);
            long a = System.nanoTime();
            Probes.enter(B);
            long b = System.nanoTime();
            Probes.enter(C);
            long c1 = System.nanoTime();
            Probes.exit(C, c1, null);
            Probes.enter(C);
            long c2 = System.nanoTime();
            Probes.exit(C, c2, failure);
            Probes.exit(B, b, null);
            Probes.exit(A, a, null);
        });

        assertThat(records).extracting(Drained::probeId, Drained::parentProbeId, Drained::outcome, Drained::nested,
                        Drained::thrownType)
                .containsExactly(
                        tuple(C, B, ProbeRing.OUTCOME_RETURNED, false, null),
                        tuple(C, B, ProbeRing.OUTCOME_THREW, false, IllegalStateException.class),
                        tuple(B, A, ProbeRing.OUTCOME_RETURNED, false, null),
                        tuple(A, ProbeRing.NO_PARENT, ProbeRing.OUTCOME_RETURNED, false, null));
        Drained c1 = records.get(0);
        Drained c2 = records.get(1);
        Drained b = records.get(2);
        Drained a = records.get(3);
        assertThat(c1.childNanos()).isZero();
        assertThat(c2.childNanos()).isZero();
        assertThat(b.childNanos()).isEqualTo(c1.durationNanos() + c2.durationNanos());
        assertThat(a.childNanos()).isEqualTo(b.durationNanos());
        assertThat(records).allSatisfy(r -> {
            assertThat(r.selfNanos()).isNotNegative();
            assertThat(r.allocatedBytes()).isEqualTo(ProbeRing.NOT_MEASURED);
        });
        assertThat(records.stream().mapToLong(Drained::selfNanos).sum())
                .as("each nanosecond of the outermost call is self time of exactly one call")
                .isEqualTo(a.durationNanos());
    }

    @Test
    void aCallOfAProbeAlreadyOnTheStackIsMarkedNested() throws InterruptedException {
        List<Drained> records = recordedBy(() -> {
            Probes.enter(A);
            long outer = System.nanoTime();
            Probes.enter(A);
            long inner = System.nanoTime();
            Probes.exit(A, inner, null);
            Probes.enter(B);
            long b = System.nanoTime();
            Probes.enter(A);
            long throughB = System.nanoTime();
            Probes.exit(A, throughB, null);
            Probes.exit(B, b, null);
            Probes.exit(A, outer, null);
        });

        assertThat(records).extracting(Drained::probeId, Drained::parentProbeId, Drained::nested).containsExactly(
                tuple(A, A, true),
                tuple(A, B, true),
                tuple(B, A, false),
                tuple(A, ProbeRing.NO_PARENT, false));
        assertThat(records.get(2).childNanos()).isEqualTo(records.get(1).durationNanos());
        assertThat(records.get(3).childNanos()).isEqualTo(records.get(0).durationNanos() + records.get(2).durationNanos());
    }

    @Test
    void aConstructorIsALeafWhoseTimeIsItsCallersChildTime() throws InterruptedException {
        List<Drained> records = recordedBy(() -> {
            long atRoot = System.nanoTime();
            Probes.constructed(CONSTRUCTOR, atRoot);
            Probes.enter(A);
            long a = System.nanoTime();
            long inA = System.nanoTime();
            Probes.constructed(CONSTRUCTOR, inA);
            Probes.enter(B);
            long b = System.nanoTime();
            Probes.exit(B, b, null);
            Probes.exit(A, a, null);
        });

        assertThat(records).extracting(Drained::probeId, Drained::parentProbeId, Drained::outcome, Drained::nested,
                        Drained::childNanos)
                .containsExactly(
                        tuple(CONSTRUCTOR, ProbeRing.NO_PARENT, ProbeRing.OUTCOME_RETURNED, false, 0L),
                        tuple(CONSTRUCTOR, A, ProbeRing.OUTCOME_RETURNED, false, 0L),
                        tuple(B, A, ProbeRing.OUTCOME_RETURNED, false, 0L),
                        tuple(A, ProbeRing.NO_PARENT, ProbeRing.OUTCOME_RETURNED, false,
                                records.get(1).durationNanos() + records.get(2).durationNanos()));
        assertThat(records.get(2).parentProbeId()).as("the constructor was not left on the stack").isEqualTo(A);
    }

    /**
     * Past {@link ProbeThread#MAX_DEPTH} calls are still counted, under the deepest tracked call, and
     * that call's child time holds only the untracked call made from it directly (not the calls
     * nested inside that one, whose time it already contains); afterwards the stack is as before.
     */
    @Test
    void callsDeeperThanTheStackAreCountedAndTheStackRecovers() throws InterruptedException {
        int depth = ProbeThread.MAX_DEPTH + 6;

        List<Drained> records = recordedBy(() -> {
            long[] starts = new long[depth];
            for (int level = 0; level < depth; level++) {
                Probes.enter(DEEP + level);
                starts[level] = System.nanoTime();
            }
            for (int level = depth - 1; level >= 0; level--) {
                Probes.exit(DEEP + level, starts[level], null);
            }
            Probes.enter(A);
            long a = System.nanoTime();
            Probes.enter(B);
            long b = System.nanoTime();
            Probes.exit(B, b, null);
            Probes.exit(A, a, null);
        });

        assertThat(records).hasSize(depth + 2);
        Drained[] byLevel = new Drained[depth];
        for (int i = 0; i < depth; i++) {
            Drained record = records.get(i);
            int level = depth - 1 - i;
            assertThat(record.probeId()).isEqualTo(DEEP + level);
            byLevel[level] = record;
        }
        int deepestTracked = ProbeThread.MAX_DEPTH - 1;
        for (int level = 0; level < depth; level++) {
            Drained record = byLevel[level];
            int expectedParent = level == 0 ? ProbeRing.NO_PARENT : DEEP + Math.min(level - 1, deepestTracked);
            assertThat(record.parentProbeId()).as("parent at level %d", level).isEqualTo(expectedParent);
            assertThat(record.nested()).isFalse();
            assertThat(record.childNanos()).as("child time at level %d", level)
                    .isEqualTo(level < depth - 1 && level <= deepestTracked ? byLevel[level + 1].durationNanos() : 0)
                    .isLessThanOrEqualTo(record.durationNanos());
        }
        assertThat(records.subList(depth, depth + 2))
                .extracting(Drained::probeId, Drained::parentProbeId, Drained::childNanos)
                .containsExactly(
                        tuple(B, A, 0L),
                        tuple(A, ProbeRing.NO_PARENT, records.get(depth).durationNanos()));
    }

    @Test
    void aConstructorCalledPastTheStackDepthAddsNothingMoreToTheDeepestTrackedCall() throws InterruptedException {
        int tracked = ProbeThread.MAX_DEPTH;

        List<Drained> records = recordedBy(() -> {
            long[] starts = new long[tracked];
            for (int level = 0; level < tracked; level++) {
                Probes.enter(DEEP + level);
                starts[level] = System.nanoTime();
            }
            Probes.enter(A);
            long untracked = System.nanoTime();
            Probes.constructed(CONSTRUCTOR, System.nanoTime());
            Probes.exit(A, untracked, null);
            for (int level = tracked - 1; level >= 0; level--) {
                Probes.exit(DEEP + level, starts[level], null);
            }
        });

        Drained constructor = only(records, CONSTRUCTOR);
        Drained untracked = only(records, A);
        Drained deepest = only(records, DEEP + tracked - 1);
        assertThat(constructor.parentProbeId()).isEqualTo(DEEP + tracked - 1);
        assertThat(untracked.parentProbeId()).isEqualTo(DEEP + tracked - 1);
        assertThat(untracked.childNanos()).as("not tracked: its callees' time is not subtracted").isZero();
        assertThat(deepest.childNanos()).isEqualTo(untracked.durationNanos());
    }

    @Test
    void anExitThatIsNotForTheTopCallUnwindsTheCallsAboveIt() throws InterruptedException {
        List<Drained> records = recordedBy(() -> {
            Probes.enter(A);
            long a = System.nanoTime();
            Probes.enter(B);
            long b = System.nanoTime();
            Probes.enter(C);
            // C's exit is lost: B's exit comes next.
            Probes.exit(B, b, null);
            Probes.exit(A, a, null);
            Probes.enter(AFTER);
            long after = System.nanoTime();
            Probes.exit(AFTER, after, null);
        });

        assertThat(records).extracting(Drained::probeId, Drained::parentProbeId, Drained::nested, Drained::childNanos)
                .containsExactly(
                        tuple(B, A, false, 0L),
                        tuple(A, ProbeRing.NO_PARENT, false, records.get(0).durationNanos()),
                        tuple(AFTER, ProbeRing.NO_PARENT, false, 0L));
    }

    @Test
    void anExitOfAProbeNotOnTheStackLeavesTheStackAlone() throws InterruptedException {
        List<Drained> records = recordedBy(() -> {
            Probes.enter(A);
            long a = System.nanoTime();
            Probes.exit(NEVER_ENTERED, System.nanoTime(), null);
            Probes.enter(B);
            long b = System.nanoTime();
            Probes.exit(B, b, null);
            Probes.exit(A, a, null);
        });

        assertThat(records).extracting(Drained::probeId, Drained::parentProbeId, Drained::nested).containsExactly(
                tuple(NEVER_ENTERED, A, false),
                tuple(B, A, false),
                tuple(A, ProbeRing.NO_PARENT, false));
    }

    /** Allocation counting is part of HotSpot; elsewhere these tests have nothing to check. */
    private static void assumeAllocationIsCounted() {
        String vm = System.getProperty("java.vm.name", "").toLowerCase(Locale.ROOT);
        if (vm.contains("hotspot") || vm.contains("openjdk")) {
            assertThat(AllocationCounter.isSupported()).as("allocation counting on %s", vm).isTrue();
        } else {
            Assumptions.assumeTrue(AllocationCounter.isSupported(), "no allocation counter on " + vm);
        }
    }

    /**
     * A {@code long[1000]} is 16 bytes of header (compressed class pointers, the default) and 8000
     * of data; the counter includes the part of the thread's TLAB in use, so it sees it to the byte.
     */
    @Test
    void anAllocatingProbeRecordsTheExactBytesItsCallAllocated() throws InterruptedException {
        assumeAllocationIsCounted();

        List<Drained> records = recordedBy(() -> {
            for (int i = 0; i < 3; i++) {
                Probes.enter(ALLOCATING);
                long allocatedAtStart = Probes.allocatedBytes();
                long start = System.nanoTime();
                long[] array = new long[1000];
                blackhole = array;
                Probes.exitAllocating(ALLOCATING, start, allocatedAtStart, null);
            }
            Probes.enter(ALLOCATING);
            long allocatedAtStart = Probes.allocatedBytes();
            long start = System.nanoTime();
            Probes.exitAllocating(ALLOCATING, start, allocatedAtStart, null);
        });

        assertThat(records).extracting(Drained::probeId, Drained::allocatedBytes).containsExactly(
                tuple(ALLOCATING, 8016L),
                tuple(ALLOCATING, 8016L),
                tuple(ALLOCATING, 8016L),
                tuple(ALLOCATING, 0L));
    }

    @Test
    void theAllocationOfACallIncludesItsCallees() throws InterruptedException {
        assumeAllocationIsCounted();

        List<Drained> records = recordedBy(() -> {
            for (int i = 0; i < 2; i++) {
                Probes.enter(ALLOCATING);
                long outerAtStart = Probes.allocatedBytes();
                long outer = System.nanoTime();
                blackhole = new long[1000];
                Probes.enter(ALLOCATING_CALLEE);
                long innerAtStart = Probes.allocatedBytes();
                long inner = System.nanoTime();
                blackhole = new long[1000];
                Probes.exitAllocating(ALLOCATING_CALLEE, inner, innerAtStart, null);
                Probes.exitAllocating(ALLOCATING, outer, outerAtStart, null);
            }
        });

        assertThat(records).extracting(Drained::probeId, Drained::parentProbeId, Drained::allocatedBytes)
                .containsExactly(
                        tuple(ALLOCATING_CALLEE, ALLOCATING, 8016L),
                        tuple(ALLOCATING, ProbeRing.NO_PARENT, 2 * 8016L),
                        tuple(ALLOCATING_CALLEE, ALLOCATING, 8016L),
                        tuple(ALLOCATING, ProbeRing.NO_PARENT, 2 * 8016L));
    }

    /**
     * Inner calls that fill the thread's ring make it grow several times (nothing drains it here);
     * those new rings are the probe runtime's allocation, not the caller's.
     */
    @Test
    void ringsGrownByProbedCalleesAreNotCountedInTheCallersAllocation() throws InterruptedException {
        assumeAllocationIsCounted();
        int innerCalls = 1000;

        List<Drained> records = recordedBy(() -> {
            Probes.enter(ALLOCATING);
            long allocatedAtStart = Probes.allocatedBytes();
            long start = System.nanoTime();
            blackhole = new long[1000];
            for (int i = 0; i < innerCalls; i++) {
                Probes.enter(A);
                long inner = System.nanoTime();
                Probes.exit(A, inner, null);
            }
            Probes.exitAllocating(ALLOCATING, start, allocatedAtStart, null);
        });

        assertThat(records).filteredOn(r -> r.probeId() == A)
                .as("every inner record kept: the %d-record first ring grew", ProbeRings.INITIAL_CAPACITY)
                .hasSize(innerCalls);
        assertThat(only(records, ALLOCATING).allocatedBytes()).isEqualTo(8016L);
    }

    @Test
    void anAllocatingConstructorRecordsItsBytesAsALeaf() throws InterruptedException {
        assumeAllocationIsCounted();

        List<Drained> records = recordedBy(() -> {
            Probes.enter(A);
            long a = System.nanoTime();
            for (int i = 0; i < 2; i++) {
                long allocatedAtStart = Probes.allocatedBytes();
                long start = System.nanoTime();
                blackhole = new long[1000];
                Probes.constructedAllocating(CONSTRUCTOR, start, allocatedAtStart);
            }
            Probes.exit(A, a, null);
        });

        assertThat(records).extracting(Drained::probeId, Drained::parentProbeId, Drained::allocatedBytes)
                .containsExactly(
                        tuple(CONSTRUCTOR, A, 8016L),
                        tuple(CONSTRUCTOR, A, 8016L),
                        tuple(A, ProbeRing.NO_PARENT, ProbeRing.NOT_MEASURED));
    }

    @Test
    void allocationIsNotMeasuredWhenTheStartWasNot() throws InterruptedException {
        List<Drained> records = recordedBy(() -> {
            Probes.enter(ALLOCATING);
            long start = System.nanoTime();
            Probes.exitAllocating(ALLOCATING, start, ProbeRing.NOT_MEASURED, null);
        });

        assertThat(records).extracting(Drained::allocatedBytes).containsExactly(ProbeRing.NOT_MEASURED);
    }
}
