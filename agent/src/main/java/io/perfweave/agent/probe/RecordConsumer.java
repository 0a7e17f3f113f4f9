package io.perfweave.agent.probe;

/** Receives the records drained from a {@link ProbeRing}, on the reporter thread. */
@FunctionalInterface
public interface RecordConsumer {

    void accept(int probeId, int outcome, long durationNanos, long allocatedBytes);
}
