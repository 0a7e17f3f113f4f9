package io.perfweave.sample;

import java.time.Duration;
import java.util.Locale;

/**
 * Command-line options of the sample app.
 *
 * @param duration          how long the workers run; ignored when {@code requestsPerThread > 0}
 * @param warmUp            how long the workers run before the measured part; zero for none
 * @param threads           number of worker threads
 * @param requestsPerThread exact number of requests per worker, or 0 to run for {@code duration}
 * @param regressPricing    make {@link PricingEngine#price} about 40% more expensive
 * @param seed              seed of the request generators
 * @param helpRequested     {@code --help} was given; nothing else should happen
 */
public record SampleOptions(Duration duration, Duration warmUp, int threads, long requestsPerThread,
                            boolean regressPricing, long seed, boolean helpRequested) {

    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    public static final int DEFAULT_THREADS = 2;
    public static final long DEFAULT_SEED = 42;

    static final int MAX_THREADS = 256;
    static final long MAX_REQUESTS_PER_THREAD = 1_000_000_000L;
    static final String KNOWN_REGRESSIONS = "pricing";

    public static final String USAGE = """
            Usage: java [-javaagent:perfweave-agent.jar] -jar perfweave-sample-app.jar [options]

            Runs a small order-processing service under load (parse, fraud check, reserve stock,
            price, save) and prints how many calls each step received.

            Options:
              --duration <time>   how long to run, e.g. 500ms, 30s, 2m (default 10s)
              --threads <n>       worker threads (default 2)
              --requests <n>      handle exactly n requests per thread, then stop;
                                  --duration is ignored
              --warm-up <time>    run this long first and leave it out of requests,
                                  elapsed-ms and requests-per-second, e.g. 5s (default 0s)
              --regress pricing   make PricingEngine.price about 40% slower, to try out
                                  baseline comparisons
              --seed <long>       seed of the generated requests (default 42)
              --help              show this text

            Options also accept the --name=value form.
            """;

    /** Fixed number of requests per thread, as opposed to running for a duration. */
    public boolean fixedRequestCount() {
        return requestsPerThread > 0;
    }

    public static SampleOptions defaults() {
        return new SampleOptions(DEFAULT_DURATION, Duration.ZERO, DEFAULT_THREADS, 0, false, DEFAULT_SEED, false);
    }

    public static SampleOptions parse(String... args) throws InvalidOptionException {
        Duration duration = DEFAULT_DURATION;
        Duration warmUp = Duration.ZERO;
        int threads = DEFAULT_THREADS;
        long requests = 0;
        boolean regressPricing = false;
        long seed = DEFAULT_SEED;
        boolean help = false;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                throw new InvalidOptionException("unexpected argument '" + arg + "' (options start with --)");
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }

            if (name.equals("--help") || name.equals("-h")) {
                if (value != null) {
                    throw new InvalidOptionException("option " + name + " does not take a value");
                }
                help = true;
                continue;
            }
            if (!isValueOption(name)) {
                throw new InvalidOptionException("unknown option '" + name + "'");
            }
            if (value == null) {
                // A following "--x" is taken as the next option, not as this option's value,
                // so "--threads --seed 3" reports the missing value instead of a bad number.
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new InvalidOptionException("option " + name + " needs a value");
                }
                value = args[++i];
            }

            switch (name) {
                case "--duration" -> duration = parseDuration(value);
                case "--warm-up" -> warmUp = parseDuration(name, value);
                case "--threads" -> threads = (int) parseCount(name, value, MAX_THREADS);
                case "--requests" -> requests = parseCount(name, value, MAX_REQUESTS_PER_THREAD);
                case "--regress" -> {
                    requireKnownRegression(value);
                    regressPricing = true;
                }
                case "--seed" -> seed = parseSeed(value);
                default -> throw new IllegalStateException("option without handler: " + name);
            }
        }
        return new SampleOptions(duration, warmUp, threads, requests, regressPricing, seed, help);
    }

    private static boolean isValueOption(String name) {
        return switch (name) {
            case "--duration", "--warm-up", "--threads", "--requests", "--regress", "--seed" -> true;
            default -> false;
        };
    }

    static Duration parseDuration(String text) throws InvalidOptionException {
        Duration duration = parseDuration("--duration", text);
        if (duration.isZero()) {
            throw new InvalidOptionException("option --duration must be greater than zero, got '" + text + "'");
        }
        return duration;
    }

    private static Duration parseDuration(String option, String text) throws InvalidOptionException {
        String value = text.trim().toLowerCase(Locale.ROOT);
        int unitStart = 0;
        while (unitStart < value.length() && Character.isDigit(value.charAt(unitStart))) {
            unitStart++;
        }
        String digits = value.substring(0, unitStart);
        String unit = value.substring(unitStart);
        // Nine digits is far beyond any sensible run and keeps the conversion below overflow.
        if (digits.isEmpty() || digits.length() > 9) {
            throw badDuration(option, text);
        }
        long amount = Long.parseLong(digits);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> throw badDuration(option, text);
        };
    }

    private static InvalidOptionException badDuration(String option, String text) {
        return new InvalidOptionException(
                "option " + option + " expects a number with unit ms, s or m (e.g. 500ms, 10s, 2m), got '" + text + "'");
    }

    private static long parseCount(String name, String text, long max) throws InvalidOptionException {
        long count;
        try {
            count = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1 || count > max) {
            throw new InvalidOptionException(
                    "option " + name + " expects a whole number from 1 to " + max + ", got '" + text + "'");
        }
        return count;
    }

    private static void requireKnownRegression(String text) throws InvalidOptionException {
        if (!text.trim().equals("pricing")) {
            throw new InvalidOptionException(
                    "option --regress: unknown regression '" + text + "' (known: " + KNOWN_REGRESSIONS + ")");
        }
    }

    private static long parseSeed(String text) throws InvalidOptionException {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidOptionException("option --seed expects a whole number (a Java long), got '" + text + "'");
        }
    }
}
