package io.perfweave.agent.cli;

import io.perfweave.agent.baseline.Baseline;
import io.perfweave.agent.baseline.ComparisonText;
import io.perfweave.agent.baseline.MetricComparison;
import io.perfweave.agent.baseline.ProbeComparison;
import io.perfweave.agent.baseline.RegressionRule;
import io.perfweave.agent.baseline.RegressionStatus;
import io.perfweave.agent.sink.console.HumanUnits;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The three outputs of {@code compare}: text for people, markdown for a pull request, JUnit XML for a CI server. */
final class ComparisonFormats {

    private static final String NL = "\n";
    private static final String SUITE = "perfweave.baseline";

    private ComparisonFormats() {
    }

    static String text(CompareCommand.Outcome outcome) {
        StringBuilder text = new StringBuilder();
        text.append("perfweave compare: ").append(outcome.baseline().describe()).append(" -> ")
                .append(outcome.current().describe()).append(NL);
        text.append(rule(outcome.rule())).append(NL).append(NL);
        for (ProbeComparison probe : outcome.probes()) {
            String status = probe.status() == RegressionStatus.REGRESSED ? "REGRESSED" : probe.status().label();
            text.append(String.format(Locale.ROOT, "%-17s ", status)).append(ComparisonText.describe(probe)).append(NL);
        }
        text.append(NL).append(summary(outcome)).append(NL);
        return text.toString();
    }

    static String markdown(CompareCommand.Outcome outcome) {
        long regressed = outcome.count(RegressionStatus.REGRESSED);
        StringBuilder md = new StringBuilder();
        md.append("### Perfweave: ").append(regressed == 0 ? "no regression"
                : regressed + " probe" + (regressed == 1 ? "" : "s") + " regressed").append(NL).append(NL);
        md.append("Baseline `").append(outcome.baseline().describe()).append("`, current `")
                .append(outcome.current().describe()).append("`. ").append(rule(outcome.rule())).append('.').append(NL)
                .append(NL);
        md.append("| probe | status | p50 | p99 | timed calls |").append(NL);
        md.append("|---|---|---|---|---|").append(NL);
        for (ProbeComparison probe : outcome.probes()) {
            String status = (probe.status() == RegressionStatus.REGRESSED ? "**regressed**" : probe.status().label())
                    + (probe.note() == null ? "" : " (" + probe.note() + ")");
            md.append("| `").append(probe.name()).append("` | ").append(status).append(" | ")
                    .append(markdownMetric(probe, "p50")).append(" | ").append(markdownMetric(probe, "p99")).append(" | ")
                    .append(probe.baselineSamples()).append(" → ").append(probe.currentSamples()).append(" |").append(NL);
        }
        md.append(NL).append(summary(outcome)).append(NL);
        return md.toString();
    }

    private static String markdownMetric(ProbeComparison probe, String name) {
        if (probe.reason() != null) {
            return probe.reason();
        }
        List<String> cells = new ArrayList<>();
        for (MetricComparison metric : probe.metrics()) {
            if (metric.metric().endsWith(name)) {
                cells.add(markdownCell(metric));
            }
        }
        return String.join("<br>", cells);
    }

    /** {@code self 2.1us → 2.2us (+4.8%)}; the decisive regressed ones in bold, shown-only ones in italics. */
    private static String markdownCell(MetricComparison metric) {
        String what = switch (metric.measure()) {
            case LATENCY -> "";
            case SELF_TIME -> "self ";
            case ALLOCATION -> "allocated ";
        };
        if (!metric.judged()) {
            return what + "not judged: " + metric.reason();
        }
        String baseline = metric.baselineLowest() == metric.baselineHighest()
                ? ComparisonText.value(metric, metric.baselineValue())
                : ComparisonText.value(metric, metric.baselineLowest()) + ".."
                        + ComparisonText.value(metric, metric.baselineHighest());
        String cell = what + baseline + " → " + ComparisonText.value(metric, metric.currentValue()) + " ("
                + ComparisonText.signedPercent(metric.change()) + ")";
        if (!metric.decisive()) {
            return "_" + cell + "_";
        }
        return metric.status() == RegressionStatus.REGRESSED ? "**" + cell + "**" : cell;
    }

    /** One test case per probe: regressed ones fail, insufficient-data ones are skipped, the rest pass. */
    static String junitXml(CompareCommand.Outcome outcome) {
        StringWriter buffer = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(buffer);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters(NL);
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", SUITE);
            xml.writeAttribute("tests", Integer.toString(outcome.probes().size()));
            xml.writeAttribute("failures", Long.toString(outcome.count(RegressionStatus.REGRESSED)));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", Long.toString(outcome.count(RegressionStatus.INSUFFICIENT_DATA)));
            xml.writeAttribute("time", "0");
            xml.writeCharacters(NL + "  ");
            xml.writeStartElement("properties");
            property(xml, "baseline", outcome.baseline());
            property(xml, "current", outcome.current());
            xml.writeCharacters(NL + "    ");
            xml.writeEmptyElement("property");
            xml.writeAttribute("name", "rule");
            xml.writeAttribute("value", rule(outcome.rule()));
            xml.writeCharacters(NL + "  ");
            xml.writeEndElement();
            for (ProbeComparison probe : outcome.probes()) {
                xml.writeCharacters(NL + "  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", SUITE);
                xml.writeAttribute("name", probe.name());
                xml.writeAttribute("time", "0");
                String description = ComparisonText.describe(probe);
                xml.writeCharacters(NL + "    ");
                switch (probe.status()) {
                    case REGRESSED -> {
                        xml.writeStartElement("failure");
                        xml.writeAttribute("message", description);
                        xml.writeAttribute("type", "regression");
                        xml.writeCharacters(description);
                        xml.writeEndElement();
                    }
                    case INSUFFICIENT_DATA -> {
                        xml.writeEmptyElement("skipped");
                        xml.writeAttribute("message", description);
                    }
                    default -> {
                        xml.writeStartElement("system-out");
                        xml.writeCharacters(description);
                        xml.writeEndElement();
                    }
                }
                xml.writeCharacters(NL + "  ");
                xml.writeEndElement();
            }
            xml.writeCharacters(NL);
            xml.writeEndElement();
            xml.writeCharacters(NL);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
        return buffer.toString();
    }

    private static void property(XMLStreamWriter xml, String name, Baseline baseline) throws XMLStreamException {
        xml.writeCharacters(NL + "    ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", baseline.describe());
    }

    private static String rule(RegressionRule rule) {
        return "Regressed: p50 more than " + ComparisonText.percent(rule.tolerance()) + " or p99 more than "
                + ComparisonText.percent(rule.tailTolerance()) + " slower, by at least "
                + HumanUnits.nanos(rule.minChangeNanos()) + " (in self time for a probe that calls probed methods),"
                + " or allocation per call p50 or p99 more than " + ComparisonText.percent(rule.tolerance())
                + " higher, confirmed at "
                + String.format(Locale.ROOT, "%.1f%%", RegressionRule.CONFIDENCE * 100)
                + " confidence, with at least " + rule.minSamples() + " timed calls on each side";
    }

    private static String summary(CompareCommand.Outcome outcome) {
        List<String> parts = new ArrayList<>();
        for (RegressionStatus status : RegressionStatus.values()) {
            List<String> names = outcome.names(status);
            parts.add(names.size() + " " + status.label() + (names.isEmpty() || status == RegressionStatus.UNCHANGED
                    ? "" : " (" + String.join(", ", names) + ")"));
        }
        return "result: " + String.join(", ", parts);
    }
}
