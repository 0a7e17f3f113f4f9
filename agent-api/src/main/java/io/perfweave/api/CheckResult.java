package io.perfweave.api;

/** What {@link Perfweave#check} found, with a message for people (the {@code compare} command's words). */
public final class CheckResult {

    public enum Status {
        /** Within the baseline and every limit. */
        PASSED,
        /** Regressed against the baseline, could not be judged against it, or exceeded a limit. */
        FAILED,
        /** The check could not be made: an unreadable baseline, an unknown probe, a malformed limit. */
        ERROR,
        /** No agent in this JVM. */
        NOT_ATTACHED
    }

    private final Status status;
    private final String message;

    CheckResult(Status status, String message) {
        this.status = status;
        this.message = message;
    }

    public Status status() {
        return status;
    }

    public String message() {
        return message;
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    @Override
    public String toString() {
        return status + ": " + message;
    }
}
