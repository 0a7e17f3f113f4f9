package io.perfweave.agent.baseline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.perfweave.agent.report.LatencySummary;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Reads a baseline file written by {@link BaselineWriter}. Every problem is reported as one
 * {@link BaselineFormatException} naming the file and the field ({@code probes[2].latencyHistogram}),
 * or the line and column for malformed JSON. Unknown fields are ignored, so files from later agents
 * with added fields stay readable; a higher {@code formatVersion} is refused.
 *
 * <p>The summary percentiles in the file are for people; the reader recomputes them from the
 * histograms, which are the data.
 */
public final class BaselineReader {

    private static final JsonFactory JSON = new JsonFactory();

    private final String file;

    private BaselineReader(String file) {
        this.file = file;
    }

    public static Baseline read(Path path) throws BaselineFormatException {
        BaselineReader reader = new BaselineReader(path.toString());
        Object root;
        try (InputStream in = Files.newInputStream(path); JsonParser parser = JSON.createParser(in)) {
            try {
                if (parser.nextToken() == null) {
                    throw new BaselineFormatException(path + ": the file is empty, not a baseline");
                }
                root = reader.readValue(parser);
            } catch (JsonProcessingException | CharConversionException e) {
                // Some of Jackson's refusals (nesting too deep, a number too long) carry no location: the parser knows it.
                throw malformed(path, e, parser.currentLocation());
            }
        } catch (NoSuchFileException e) {
            throw new BaselineFormatException(path + ": no such file");
        } catch (JsonProcessingException e) {
            throw malformed(path, e, null);
        } catch (IOException e) {
            throw new BaselineFormatException(path + ": cannot read the file: " + e, e);
        }
        return reader.baseline(root, path);
    }

    /** Malformed JSON (or text that is not UTF-8, 16 or 32), with its line and column where they are known. */
    private static BaselineFormatException malformed(Path path, IOException e, JsonLocation whereTheParserIs) {
        JsonLocation at = e instanceof JsonProcessingException json && json.getLocation() != null
                ? json.getLocation() : whereTheParserIs;
        String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
        String why = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return new BaselineFormatException(path + where + ": malformed JSON: " + why, e);
    }

    private Object readValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, readValue(parser));
                }
                return object;
            }
            case START_ARRAY: {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser));
                }
                return array;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    private Baseline baseline(Object root, Path path) throws BaselineFormatException {
        Map<String, Object> top = object(root, "the top level");
        Object kind = top.get("kind");
        if (!BaselineWriter.KIND.equals(kind)) {
            String hint = top.containsKey("probes") && top.containsKey("formatVersion")
                    ? "it looks like a JSON report (report.json); save a baseline with baseline.save=<file>"
                    : "expected \"kind\" : \"" + BaselineWriter.KIND + "\"";
            throw problem("kind", "not a Perfweave baseline: " + hint);
        }
        long version = number(top, "formatVersion", "formatVersion");
        if (version != BaselineWriter.FORMAT_VERSION && version != BaselineWriter.MERGED_FORMAT_VERSION) {
            throw problem("formatVersion", "format version " + version + " is not supported: this agent reads"
                    + " baselines of version " + BaselineWriter.FORMAT_VERSION + " and "
                    + BaselineWriter.MERGED_FORMAT_VERSION
                    + (version > BaselineWriter.MERGED_FORMAT_VERSION
                        ? "; use the agent that saved it, or a newer one" : ""));
        }
        boolean merged = version == BaselineWriter.MERGED_FORMAT_VERSION;
        Map<String, Object> jvm = object(top.get("jvm"), "jvm");
        String label = top.get("label") instanceof String text ? text : "";
        String agentVersion = text(top, "agentVersion", "agentVersion");
        String jvmVersion = text(jvm, "version", "jvm.version");
        Instant startTime = instant(top, "startTime", "startTime");
        Instant endTime = instant(top, "endTime", "endTime");
        List<BaselineRun> runs = new ArrayList<>();
        if (merged) {
            List<Object> runList = array(top.get("runs"), "runs");
            for (int i = 0; i < runList.size(); i++) {
                String at = "runs[" + i + "]";
                Map<String, Object> run = object(runList.get(i), at);
                runs.add(new BaselineRun(run.get("label") instanceof String text ? text : "",
                        text(run, "agentVersion", at + ".agentVersion"), text(run, "jvmVersion", at + ".jvmVersion"),
                        instant(run, "startTime", at + ".startTime"), instant(run, "endTime", at + ".endTime")));
            }
            if (runs.size() < 2) {
                throw problem("runs", "a merged baseline (format version 2) needs at least two runs, it has "
                        + runs.size());
            }
        } else {
            runs.add(new BaselineRun(label, agentVersion, jvmVersion, startTime, endTime));
        }
        long digits = number(top, "histogramSignificantDigits", "histogramSignificantDigits");
        List<Object> probeList = array(top.get("probes"), "probes");
        List<BaselineProbe> probes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < probeList.size(); i++) {
            String at = "probes[" + i + "]";
            BaselineProbe probe = probe(object(probeList.get(i), at), at, merged ? runs.size() : 0);
            if (!names.add(probe.name())) {
                throw problem(at + ".name", "probe '" + probe.name() + "' appears twice");
            }
            probes.add(probe);
        }
        return new Baseline(
                agentVersion,
                label,
                text(jvm, "name", "jvm.name"),
                text(jvm, "vendor", "jvm.vendor"),
                jvmVersion,
                top.get("config") instanceof String config ? config : "",
                startTime,
                endTime,
                (int) digits,
                probes,
                runs,
                Optional.of(path));
    }

    /** @param runCount the merged baseline's number of runs, 0 for a baseline of one run (version 1) */
    private BaselineProbe probe(Map<String, Object> probe, String at, int runCount) throws BaselineFormatException {
        List<String> methods = new ArrayList<>();
        Object methodField = probe.get("method");
        if (methodField != null) {
            for (Object method : array(methodField, at + ".method")) {
                methods.add(String.valueOf(method));
            }
        }
        ProbeHistograms all = histograms(probe, at);
        List<BaselineProbe.RunHistograms> runs = new ArrayList<>();
        if (runCount == 0) {
            runs.add(new BaselineProbe.RunHistograms(0, all));
        } else {
            List<Object> runList = array(probe.get("runs"), at + ".runs");
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < runList.size(); i++) {
                String runAt = at + ".runs[" + i + "]";
                Map<String, Object> run = object(runList.get(i), runAt);
                long index = number(run, "run", runAt + ".run");
                if (index >= runCount || !seen.add(index)) {
                    throw problem(runAt + ".run", index >= runCount
                            ? "run " + index + " does not exist: the baseline has runs 0 to " + (runCount - 1)
                            : "run " + index + " appears twice");
                }
                runs.add(new BaselineProbe.RunHistograms((int) index, histograms(run, runAt)));
            }
            if (runs.isEmpty()) {
                throw problem(at + ".runs", "empty: a probe of a merged baseline has at least one run");
            }
        }
        return new BaselineProbe(
                text(probe, "name", at + ".name"),
                text(probe, "pattern", at + ".pattern"),
                List.copyOf(methods),
                number(probe, "count", at + ".count"),
                number(probe, "errors", at + ".errors"),
                number(probe, "dropped", at + ".dropped"),
                LatencySummary.of(all.latency()),
                all,
                runs);
    }

    /** The latency histogram, and the self-time and allocation histograms where the file has them. */
    private ProbeHistograms histograms(Map<String, Object> object, String at) throws BaselineFormatException {
        return new ProbeHistograms(
                histogram(text(object, "latencyHistogram", at + ".latencyHistogram"), at + ".latencyHistogram"),
                optionalHistogram(object, "selfTimeHistogram", at),
                optionalHistogram(object, "allocationHistogram", at));
    }

    private Histogram optionalHistogram(Map<String, Object> object, String field, String at)
            throws BaselineFormatException {
        return object.containsKey(field) ? histogram(text(object, field, at + "." + field), at + "." + field) : null;
    }

    private Histogram histogram(String base64, String at) throws BaselineFormatException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw problem(at, "not base64: " + e.getMessage());
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw problem(at, "not an HdrHistogram compressed histogram: " + e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(Object value, String at) throws BaselineFormatException {
        if (value instanceof Map) {
            return (Map<String, Object>) value;
        }
        throw problem(at, value == null ? "missing" : "expected an object");
    }

    @SuppressWarnings("unchecked")
    private List<Object> array(Object value, String at) throws BaselineFormatException {
        if (value instanceof List) {
            return (List<Object>) value;
        }
        throw problem(at, value == null ? "missing" : "expected an array");
    }

    private String text(Map<String, Object> object, String field, String at) throws BaselineFormatException {
        Object value = object.get(field);
        if (value instanceof String text) {
            return text;
        }
        throw problem(at, value == null ? "missing" : "expected a string");
    }

    private long number(Map<String, Object> object, String field, String at) throws BaselineFormatException {
        Object value = object.get(field);
        if (value instanceof Long number && number >= 0) {
            return number;
        }
        throw problem(at, value == null ? "missing" : "expected a whole number, at least 0");
    }

    private Instant instant(Map<String, Object> object, String field, String at) throws BaselineFormatException {
        String text = text(object, field, at);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw problem(at, "'" + text + "' is not an ISO-8601 instant");
        }
    }

    private BaselineFormatException problem(String at, String message) {
        return new BaselineFormatException(file + ": " + at + ": " + message);
    }
}
