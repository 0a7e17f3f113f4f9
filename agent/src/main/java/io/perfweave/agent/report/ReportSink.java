package io.perfweave.agent.report;

/**
 * An output of the agent. Sinks are called on the reporter thread, one after another, with the
 * snapshot every sink of that interval sees; a sink that throws is logged and skipped, never stops
 * the others.
 */
public interface ReportSink {

    /** Called at the end of every interval, except the last. */
    default void onInterval(ReportSnapshot snapshot) {
    }

    /** Called once, when the JVM exits, with the figures of the whole run. */
    default void onFinal(ReportSnapshot snapshot) {
    }

    /** A short name for log messages. */
    String name();
}
