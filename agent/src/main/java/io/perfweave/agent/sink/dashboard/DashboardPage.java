package io.perfweave.agent.sink.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The dashboard's one page, put together from the template, style sheet and script stored beside
 * this class in the agent jar, all inline: the page needs nothing from anywhere else, and the same
 * script renders the live page (from {@code /api/...}) and the HTML report (from the JSON the file
 * embeds). Immutable once loaded.
 */
final class DashboardPage {

    private static final String CSS_MARK = "/*perfweave:css*/";
    private static final String JS_MARK = "/*perfweave:js*/";
    private static final String DATA_MARK = "<!--perfweave:data-->";

    private final String template;
    private final String contentSecurityPolicy;
    private final byte[] live;

    private DashboardPage(String template, String css, String js) {
        if (js.contains("</script") || css.contains("</style")) {
            throw new IllegalStateException("the dashboard's script or style would end its own element");
        }
        this.template = template.replace(CSS_MARK, css).replace(JS_MARK, js);
        // Only the page's own script and style may run: an injected one could not, even if a name slipped through.
        this.contentSecurityPolicy = "default-src 'none'; script-src 'sha256-" + sha256(js) + "'; style-src 'sha256-"
                + sha256(css) + "'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none';"
                + " frame-ancestors 'none'";
        this.live = this.template.replace(DATA_MARK, "").getBytes(StandardCharsets.UTF_8);
    }

    /** Reads the page's parts from the agent jar (or the class path, in tests). */
    static DashboardPage load() {
        return new DashboardPage(resource("dashboard.html"), resource("dashboard.css"), resource("dashboard.js"));
    }

    /** The live page, which fetches its figures from the API. */
    byte[] live() {
        return live.clone();
    }

    /** The value of the live page's {@code Content-Security-Policy} header. */
    String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    /**
     * The report file: the page with the figures embedded.
     *
     * @param json a document of {@link DashboardJson#report}, which escapes {@code <} and {@code >}
     */
    byte[] report(byte[] json) {
        String data = "<script type=\"application/json\" id=\"perfweave-data\">"
                + new String(json, StandardCharsets.UTF_8) + "</script>";
        return template.replace(DATA_MARK, data).getBytes(StandardCharsets.UTF_8);
    }

    private static String resource(String name) {
        URL url = DashboardPage.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("the agent jar lacks the dashboard's " + name);
        }
        try {
            URLConnection connection = url.openConnection();
            // No cached JarFile: it would keep the agent jar open after the agent's class loader is closed.
            connection.setUseCaches(false);
            try (InputStream in = connection.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard's " + name, e);
        }
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
