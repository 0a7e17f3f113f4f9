package io.perfweave.it.workload;

/** Allocates objects of known sizes (64-bit HotSpot, compressed class pointers: 16-byte headers, 8-byte alignment). */
public class Allocator {

    static volatile Object escape;

    /** 16 + 8 * 1000 = 8016 bytes. */
    public long[] longs() {
        long[] array = new long[1000];
        escape = array;
        return array;
    }

    /** 16 + 8 * length bytes: a size of the caller's choosing. */
    public long[] sized(int length) {
        long[] array = new long[length];
        escape = array;
        return array;
    }

    /** 16 + 100 = 116, aligned to 120 bytes. */
    public byte[] bytes() {
        byte[] array = new byte[100];
        escape = array;
        return array;
    }

    /** A bare object: 16 bytes. */
    public Object object() {
        Object o = new Object();
        escape = o;
        return o;
    }

    /** The same as {@link #object()}, for a probe that only times. */
    public Object timedObject() {
        Object o = new Object();
        escape = o;
        return o;
    }

    /** Allocates nothing. */
    public int nothing(int x) {
        return x * 31;
    }

    /** Calls {@link #longs()} twice: 16032 bytes, callees included. */
    public int twoArrays() {
        return longs().length + longs().length;
    }
}
