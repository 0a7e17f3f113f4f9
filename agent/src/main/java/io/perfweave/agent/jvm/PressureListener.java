package io.perfweave.agent.jvm;

/**
 * Told when the memory pressure level changes, on the reporter thread, once per change; for
 * instance a controller that lowers the sampling rate of probes at orange and restores it at green.
 */
@FunctionalInterface
public interface PressureListener {

    /**
     * @param occupancy the old generation's occupancy after GC that caused the change, 0 to 1
     */
    void pressureChanged(PressureLevel from, PressureLevel to, double occupancy);
}
