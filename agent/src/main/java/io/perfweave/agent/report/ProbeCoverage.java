package io.perfweave.agent.report;

import java.util.List;

/** What the weaver has found for each probe so far; the reporter reads it for every snapshot. */
public interface ProbeCoverage {

    /** The methods a probe has been woven into, sorted. */
    List<String> methods(int probeId);

    /** How many class transformations matched the probe's class pattern; 0 if none has yet. */
    int matchedClasses(int probeId);
}
