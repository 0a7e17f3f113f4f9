package io.perfweave.agent.sink.prometheus;

import java.util.Locale;

/** The two formats the endpoint speaks, and which one a scraper asked for. */
enum ExpositionFormat {

    /** The Prometheus text format 0.0.4, understood by every Prometheus and by {@code promtool check metrics}. */
    TEXT("text/plain; version=0.0.4; charset=utf-8"),
    /** OpenMetrics 1.0.0, which Prometheus asks for first. */
    OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8");

    final String contentType;

    ExpositionFormat(String contentType) {
        this.contentType = contentType;
    }

    /**
     * OpenMetrics when the {@code Accept} header lists {@code application/openmetrics-text} with a
     * quality above 0, the text format otherwise (and without a header).
     */
    static ExpositionFormat negotiate(String accept) {
        if (accept == null) {
            return TEXT;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("application/openmetrics-text")) {
                continue;
            }
            if (quality(parts) > 0) {
                return OPENMETRICS;
            }
        }
        return TEXT;
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].strip();
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2));
                } catch (NumberFormatException e) {
                    return 1;
                }
            }
        }
        return 1;
    }
}
