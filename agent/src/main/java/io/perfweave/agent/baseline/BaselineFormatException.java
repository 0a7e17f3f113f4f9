package io.perfweave.agent.baseline;

/** A baseline file that cannot be used, with where and why: {@code <file>: <field>: <problem>}. */
public final class BaselineFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public BaselineFormatException(String message) {
        super(message);
    }

    public BaselineFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
