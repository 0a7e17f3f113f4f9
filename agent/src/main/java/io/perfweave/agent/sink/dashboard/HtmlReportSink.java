package io.perfweave.agent.sink.dashboard;

import io.perfweave.agent.report.ReportSink;
import io.perfweave.agent.report.ReportSnapshot;
import io.perfweave.agent.sink.FileReplacement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code report.html} at exit: the dashboard's page with the final figures embedded, one
 * self-contained file (styles, script and data inline; charts drawn as SVG when it is opened) to
 * keep as a CI artifact. Every interval feeds the charts' history; the file appears whole or not
 * at all.
 */
public final class HtmlReportSink implements ReportSink {

    private static final Logger LOG = LoggerFactory.getLogger("perfweave.report");

    private final Path destination;
    private final DashboardViews views;

    public HtmlReportSink(Path destination, DashboardViews views) {
        this.destination = destination;
        this.views = views;
    }

    @Override
    public void onInterval(ReportSnapshot snapshot) {
        views.of(snapshot);
    }

    @Override
    public void onFinal(ReportSnapshot snapshot) {
        DashboardView view = views.of(snapshot);
        byte[] html = DashboardPage.load().report(DashboardJson.bytes(json -> DashboardJson.report(json, view)));
        try {
            FileReplacement.write(destination, out -> out.write(html));
            LOG.info("HTML report written to {}", destination);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the HTML report to " + destination, e);
        }
    }

    @Override
    public String name() {
        return "html report";
    }
}
