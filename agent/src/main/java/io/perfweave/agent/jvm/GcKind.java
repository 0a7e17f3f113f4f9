package io.perfweave.agent.jvm;

import java.util.Locale;

/**
 * Whether a garbage collector's notification reports a stop-the-world pause or a concurrent cycle.
 * The JVM says so in the notification's action: stop-the-world collectors end with
 * {@code "end of minor GC"} or {@code "end of major GC"}, concurrent ones report their pauses
 * ({@code "end of GC pause"}; G1's remark and cleanup: {@code "end of concurrent GC pause"}) apart from
 * their cycles ({@code "end of GC cycle"} from ZGC and Shenandoah), whose duration is mostly spent
 * while the application runs.
 */
public enum GcKind {
    PAUSE("pause"),
    CYCLE("cycle");

    private final String label;

    GcKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The kind of a notification, from its {@code gcAction}. */
    public static GcKind ofAction(String gcAction) {
        return gcAction.toLowerCase(Locale.ROOT).contains("cycle") ? CYCLE : PAUSE;
    }

    /**
     * Whether the heap usage after this collection says how much survived it. A pause of a concurrent
     * collector only starts or ends a phase, and what it reports as "after" is whatever the heap held
     * at that moment, garbage included.
     */
    public static boolean measuresSurvivors(String gcAction) {
        String action = gcAction.toLowerCase(Locale.ROOT);
        return !action.contains("pause");
    }
}
