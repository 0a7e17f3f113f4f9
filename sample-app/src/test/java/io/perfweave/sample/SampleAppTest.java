package io.perfweave.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SampleAppTest {

    private static final Pattern KEY_VALUE = Pattern.compile("sample-app: ([a-z-]+(?: [A-Za-z]+\\.[a-z]+)?)=(\\d+(?:\\.\\d+)?)");

    private record Run(int exitCode, String out, String err) {

        List<String> lines() {
            return out.lines().toList();
        }

        Map<String, String> values() {
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : lines()) {
                Matcher m = KEY_VALUE.matcher(line);
                if (m.matches()) {
                    values.put(m.group(1), m.group(2));
                }
            }
            return values;
        }

        long value(String key) {
            String value = values().get(key);
            assertTrue(value != null, () -> "no line for '" + key + "' in:\n" + out);
            return Long.parseLong(value);
        }
    }

    private static Run run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = SampleApp.run(args, outStream, errStream);
        }
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void fixedRequestCountHandlesExactlyThatManyRequestsWithConsistentCounters() throws Exception {
        Run run = run("--requests", "100", "--threads", "2");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(200, run.value("requests"));
        assertEquals(200, run.value("calls OrderService.handle"));
        assertEquals(200, run.value("calls RequestParser.parse"));
        assertEquals(200, run.value("calls FraudScorer.score"));
        assertEquals(200, run.value("calls InventoryService.reserve"));

        long outOfStock = run.value("failures InventoryService.reserve");
        assertEquals(outOfStock, run.value("out-of-stock"));
        assertEquals(200 - outOfStock, run.value("calls PricingEngine.price"));
        assertEquals(200 - outOfStock, run.value("calls OrderRepository.save"));
        assertEquals(200 - outOfStock, run.value("accepted"));
        assertEquals(0, run.value("malformed"));
        for (String op : List.of("OrderService.handle", "RequestParser.parse", "FraudScorer.score",
                "PricingEngine.price", "OrderRepository.save")) {
            assertEquals(0, run.value("failures " + op), op);
        }
    }

    @Test
    void requestsHandledDuringTheWarmUpAreCalledButNotCountedAsMeasured() throws Exception {
        Run run = run("--requests", "30", "--threads", "1", "--warm-up", "300ms");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(30, run.value("requests"));
        assertTrue(run.value("calls OrderService.handle") > 30, run.out());
        assertTrue(run.lines().get(0).contains("warm-up-ms=300"), run.out());
    }

    @Test
    void outputHasOneCallsAndFailuresLinePerOperationAndEndsWithDone() throws Exception {
        Run run = run("--requests", "10", "--threads", "1");

        List<String> lines = run.lines();
        assertTrue(lines.get(0).startsWith("sample-app: starting threads=1 requests-per-thread=10 seed=42"),
                lines.get(0));
        assertEquals("sample-app: done", lines.get(lines.size() - 1));
        for (OperationCounters.Operation op : OperationCounters.Operation.values()) {
            assertEquals(1, lines.stream().filter(l -> l.matches("sample-app: calls " + op.label() + "=\\d+")).count());
            assertEquals(1, lines.stream().filter(l -> l.matches("sample-app: failures " + op.label() + "=\\d+")).count());
        }
        assertTrue(lines.stream().allMatch(l -> l.startsWith("sample-app: ")), run.out());
    }

    @Test
    void sameSeedGivesSameCounts() throws Exception {
        Map<String, String> first = countsOnly(run("--requests", "300", "--threads", "2", "--seed", "7"));
        Map<String, String> second = countsOnly(run("--requests", "300", "--threads", "2", "--seed", "7"));

        assertEquals(first, second);
    }

    private static Map<String, String> countsOnly(Run run) {
        Map<String, String> counts = new LinkedHashMap<>(run.values());
        counts.keySet().removeIf(key -> key.equals("elapsed-ms") || key.equals("requests-per-second"));
        return counts;
    }

    @Test
    void badOptionExitsWithTwoAndNamesTheOption() throws Exception {
        Run run = run("--threads", "zero");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--threads"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void unknownRegressionIsRejected() throws Exception {
        Run run = run("--regress", "everything");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown regression 'everything'"), run.err());
    }

    @Test
    void helpPrintsUsageAndExitsWithZero() throws Exception {
        Run run = run("--help");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("--duration <time>"), run.out());
        assertTrue(run.out().contains("--regress pricing"), run.out());
    }
}
