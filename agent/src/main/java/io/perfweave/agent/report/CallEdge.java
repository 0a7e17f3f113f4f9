package io.perfweave.agent.report;

/**
 * A parent to child step between probed methods, as observed on some thread.
 *
 * @param parent    the calling probe's name, or {@code null} for calls with no probed caller (roots)
 * @param child     the called probe's name
 * @param calls     calls of the child made from the parent
 * @param timeNanos time of those calls, except calls made while the child probe was already running
 *                  further up the stack (their time is inside the outer call's already)
 */
public record CallEdge(String parent, String child, long calls, long timeNanos) {
}
