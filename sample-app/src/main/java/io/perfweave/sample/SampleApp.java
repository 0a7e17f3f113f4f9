package io.perfweave.sample;

import io.perfweave.sample.OperationCounters.Operation;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Entry point of the Perfweave sample workload.
 *
 * <p>Every output line starts with {@code sample-app: } and, apart from the first, is a
 * {@code key=value} pair so scripts and integration tests can parse it. The lines
 * {@code sample-app: calls <Class>.<method>=<n>} and {@code sample-app: failures <Class>.<method>=<n>}
 * are the app's exact counts to compare with the agent's report; {@code sample-app: done}
 * is always the last line of a successful run. After {@code --warm-up}, {@code requests},
 * {@code elapsed-ms}, {@code requests-per-second} and the outcomes count the measured part only, while
 * the calls and failures lines count every call (as an agent does). Treat the format as an interface.
 */
public class SampleApp {

    static final String PREFIX = "sample-app: ";

    public static void main(String[] args) throws InterruptedException {
        int exitCode = run(args, System.out, System.err);
        // Only exit explicitly on failure: a normal return lets the JVM shut down the usual
        // way, so an attached agent's shutdown hook writes its report as it would for any app.
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /**
     * Runs the app with the given streams instead of System.out/err.
     *
     * @return process exit code: 0 on success, 2 for bad command-line options
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        SampleOptions options;
        try {
            options = SampleOptions.parse(args);
        } catch (InvalidOptionException e) {
            err.println(PREFIX + e.getMessage());
            err.println(PREFIX + "run with --help to see all options");
            return 2;
        }
        if (options.helpRequested()) {
            out.print(SampleOptions.USAGE);
            return 0;
        }

        OperationCounters counters = new OperationCounters();
        FraudScorer fraudScorer = new FraudScorer();
        OrderService service = new OrderService(new RequestParser(), fraudScorer, new InventoryService(),
                new PricingEngine(options.regressPricing()), new OrderRepository(), counters);

        out.println(PREFIX + "starting " + describe(options));
        out.flush();
        LoadResult result = new LoadDriver(service, options).run();

        out.println(PREFIX + "requests=" + result.requests());
        out.println(PREFIX + "elapsed-ms=" + result.elapsed().toMillis());
        out.println(PREFIX + "requests-per-second=" + String.format(Locale.ROOT, "%.1f", result.requestsPerSecond()));
        out.println(PREFIX + "accepted=" + result.accepted());
        out.println(PREFIX + "out-of-stock=" + result.outOfStock());
        out.println(PREFIX + "malformed=" + result.malformed());
        out.println(PREFIX + "fraud-remote-lookups=" + fraudScorer.remoteLookups());
        for (Operation operation : Operation.values()) {
            out.println(PREFIX + "calls " + operation.label() + "=" + counters.calls(operation));
        }
        for (Operation operation : Operation.values()) {
            out.println(PREFIX + "failures " + operation.label() + "=" + counters.failures(operation));
        }
        out.println(PREFIX + "done");
        out.flush();
        return 0;
    }

    private static String describe(SampleOptions options) {
        String load = options.fixedRequestCount()
                ? "requests-per-thread=" + options.requestsPerThread()
                : "duration-ms=" + options.duration().toMillis();
        String warmUp = options.warmUp().isZero() ? "" : " warm-up-ms=" + options.warmUp().toMillis();
        return "threads=" + options.threads() + " " + load + warmUp + " seed=" + options.seed()
                + " regress=" + (options.regressPricing() ? "pricing" : "none");
    }
}
