package io.perfweave.api;

/** A moment in the agent's measurements, from {@link Perfweave#checkpoint()}. */
public final class Checkpoint {

    /** The checkpoint taken without an agent. */
    public static final Checkpoint NONE = new Checkpoint(-1);

    private final long id;

    Checkpoint(long id) {
        this.id = id;
    }

    long id() {
        return id;
    }

    @Override
    public String toString() {
        return this == NONE ? "Checkpoint[none: agent not attached]" : "Checkpoint[" + id + "]";
    }
}
