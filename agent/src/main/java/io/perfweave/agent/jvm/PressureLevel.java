package io.perfweave.agent.jvm;

import java.util.Locale;

/** How full the old generation stays after collections, from fine to about to run out. In order of severity. */
public enum PressureLevel {
    GREEN, YELLOW, ORANGE, RED, CRITICAL;

    /** The level's name as reports and logs write it: {@code orange}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isAbove(PressureLevel other) {
        return compareTo(other) > 0;
    }
}
