package io.perfweave.agent.probe;

/** Receives the records drained from a {@link ProbeRing}, on the reporter thread. */
@FunctionalInterface
public interface RecordConsumer {

    /** @param record valid during this call only: the ring reuses it for the next record */
    void accept(DrainedRecord record);
}
