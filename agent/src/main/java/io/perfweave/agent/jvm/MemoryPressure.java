package io.perfweave.agent.jvm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory pressure level, moved by each occupancy after GC: up as soon as occupancy reaches a
 * higher level's threshold, down only when it falls the hysteresis below the threshold of the level
 * it is at. Listeners hear of every change once. Updated on the reporter thread; listeners may be
 * added from any thread.
 */
public final class MemoryPressure {

    private static final Logger LOG = LoggerFactory.getLogger("perfweave.jvm");

    private final PressureThresholds thresholds;
    private final List<PressureListener> listeners = new CopyOnWriteArrayList<>();
    private PressureLevel level = PressureLevel.GREEN;
    private PressureLevel highest = PressureLevel.GREEN;

    public MemoryPressure(PressureThresholds thresholds) {
        this.thresholds = thresholds;
    }

    public void addListener(PressureListener listener) {
        listeners.add(listener);
    }

    /** The current level. */
    public PressureLevel level() {
        return level;
    }

    /** The highest level since start. */
    public PressureLevel highest() {
        return highest;
    }

    /** Moves the level for one occupancy after GC (0 to 1), telling the listeners if it changed. */
    public void update(double occupancy) {
        PressureLevel reached = thresholds.levelOf(occupancy);
        PressureLevel next;
        if (reached.isAbove(level)) {
            next = reached;
        } else {
            // Falling: keep each level until occupancy is the hysteresis below its threshold.
            PressureLevel kept = thresholds.levelOf(occupancy + thresholds.hysteresis());
            next = kept.isAbove(level) ? level : kept;
        }
        if (next == level) {
            return;
        }
        PressureLevel from = level;
        level = next;
        if (next.isAbove(highest)) {
            highest = next;
        }
        for (PressureListener listener : listeners) {
            try {
                listener.pressureChanged(from, next, occupancy);
            } catch (RuntimeException e) {
                // One broken listener must not keep the others (or the reports) from hearing of the change.
                LOG.error("a memory pressure listener failed; the others were told", e);
            }
        }
    }
}
