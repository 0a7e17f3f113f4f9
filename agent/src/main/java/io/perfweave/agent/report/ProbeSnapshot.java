package io.perfweave.agent.report;

import java.util.List;

/**
 * One probe's figures in a {@link ReportSnapshot}.
 *
 * @param pattern the method pattern from the configuration
 * @param methods the methods it has been woven into so far
 * @param matchedClasses how many class transformations matched its class pattern; 0 means the
 *                       pattern has found no class yet
 */
public record ProbeSnapshot(int id, String name, String pattern, List<String> methods, int matchedClasses,
                            CallStats interval, CallStats total) {
}
