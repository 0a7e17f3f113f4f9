package io.perfweave.it.workload;

import io.perfweave.api.Profiled;

/**
 * Probed methods of the same small cost, which the adaptive sampling test gives three priorities: by
 * the configuration, and one by its annotation.
 */
public final class Tiers {

    private Tiers() {
    }

    public static int high(int x) {
        return Integer.rotateLeft(x * 0x9E3779B9, 7);
    }

    public static int normal(int x) {
        return Integer.rotateLeft(x * 0x85EBCA6B, 11);
    }

    public static int low(int x) {
        return Integer.rotateLeft(x * 0xC2B2AE35, 13);
    }

    @Profiled(value = "annotatedLow", priority = Profiled.Priority.LOW)
    public static int annotatedLow(int x) {
        return Integer.rotateLeft(x * 0x27D4EB2F, 17);
    }
}
