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

    /**
     * Releases what the sink holds (threads, sockets, files), once, on the reporter thread after the
     * final report: when the JVM exits and when the agent detaches. A sink that opened nothing has
     * nothing to do.
     */
    default void close() {
    }

    /** A short name for log messages. */
    String name();
}
