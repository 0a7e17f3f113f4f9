package io.perfweave.agent.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Counts calls and time per parent to child edge between probes. Reporter thread only.
 *
 * <p>An open-addressing table keyed by {@code (parent + 1) << 16 | child}: recording an edge is a
 * couple of array reads and writes, with no boxing, for every record the reporter drains.
 */
final class CallTreeRecorder {

    private static final long EMPTY = -1L;

    private long[] keys = newKeys(64);
    private long[] calls = new long[64];
    private long[] nanos = new long[64];
    private int size;

    void record(int parentProbeId, int childProbeId, long durationNanos, boolean nested) {
        long key = ((long) (parentProbeId + 1) << 16) | childProbeId;
        int slot = slotOf(key);
        if (keys[slot] == EMPTY) {
            keys[slot] = key;
            if (++size * 2 > keys.length) {
                resize();
                slot = slotOf(key);
            }
        }
        calls[slot]++;
        if (!nested) {
            nanos[slot] += durationNanos;
        }
    }

    /** Every edge seen since start, with probe ids turned into names. */
    List<CallEdge> edges(IntFunction<String> probeName) {
        List<CallEdge> edges = new ArrayList<>(size);
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != EMPTY) {
                int parent = (int) (keys[slot] >>> 16) - 1;
                int child = (int) (keys[slot] & 0xFFFF);
                edges.add(new CallEdge(parent < 0 ? null : probeName.apply(parent), probeName.apply(child),
                        calls[slot], nanos[slot]));
            }
        }
        return edges;
    }

    private int slotOf(long key) {
        int mask = keys.length - 1;
        int slot = (int) (mix(key) & mask);
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void resize() {
        long[] oldKeys = keys;
        long[] oldCalls = calls;
        long[] oldNanos = nanos;
        keys = newKeys(oldKeys.length * 2);
        calls = new long[keys.length];
        nanos = new long[keys.length];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slotOf(oldKeys[i]);
                keys[slot] = oldKeys[i];
                calls[slot] = oldCalls[i];
                nanos[slot] = oldNanos[i];
            }
        }
    }

    private static long[] newKeys(int length) {
        long[] keys = new long[length];
        java.util.Arrays.fill(keys, EMPTY);
        return keys;
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }
}
