package io.tollgate.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Redis driver's command line: {@code --name=value} pairs, all optional.
 *
 * @param uri {@code --redis}, default {@code redis://127.0.0.1:6379}
 * @param warmup {@code --warmup} seconds before each measurement, default 3
 * @param duration {@code --seconds} measured per run, default 10
 * @param inFlight {@code --in-flight} calls outstanding at once, default 256
 * @param submitters {@code --submitters} threads starting calls, default 2
 * @param keys {@code --keys} comma-separated key counts, default {@code 1,100000}
 * @param levels {@code --levels} comma-separated, of {@code store}, {@code engine}, {@code two-limits} and
 *     {@code denied} (see {@link RedisThroughput}); default all four
 * @param offload {@code --offload=true|false}; absent = offload only if the store's async call blocks
 */
public record DriverOptions(String uri, Duration warmup, Duration duration, int inFlight, int submitters,
        List<Integer> keys, List<String> levels, Optional<Boolean> offload) {
    /** Every level, in the order they run by default. */
    static final List<String> LEVELS = List.of("store", "engine", "two-limits", "denied");

    /** Parses {@code args}; an unknown or malformed argument is an {@link IllegalArgumentException}. */
    public static DriverOptions parse(String... args) {
        String uri = "redis://127.0.0.1:6379";
        Duration warmup = Duration.ofSeconds(3);
        Duration duration = Duration.ofSeconds(10);
        int inFlight = 256;
        int submitters = 2;
        List<Integer> keys = List.of(1, 100_000);
        List<String> levels = LEVELS;
        Optional<Boolean> offload = Optional.empty();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("argument: " + arg + " (expected: --name=value)");
            }
            String value = arg.substring(eq + 1);
            switch (arg.substring(2, eq)) {
                case "redis" -> uri = value;
                case "warmup" -> warmup = Duration.ofSeconds(positive(arg, value, 0));
                case "seconds" -> duration = Duration.ofSeconds(positive(arg, value, 1));
                case "in-flight" -> inFlight = positive(arg, value, 1);
                case "submitters" -> submitters = positive(arg, value, 1);
                case "keys" -> keys = Arrays.stream(value.split(",")).map(k -> positive(arg, k, 1)).toList();
                case "levels" -> levels = levels(arg, value);
                case "offload" -> offload = Optional.of(bool(arg, value));
                default -> throw new IllegalArgumentException("argument: " + arg + " (expected one of --redis,"
                        + " --warmup, --seconds, --in-flight, --submitters, --keys, --levels, --offload)");
            }
        }
        return new DriverOptions(uri, warmup, duration, inFlight, submitters, keys, levels, offload);
    }

    private static int positive(String arg, String value, int min) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("argument: " + arg + " (expected: an integer >= " + min + ")");
    }

    private static List<String> levels(String arg, String value) {
        List<String> levels = Arrays.asList(value.split(","));
        if (levels.isEmpty() || !LEVELS.containsAll(levels)) {
            throw new IllegalArgumentException("argument: " + arg + " (expected: some of " + String.join(",", LEVELS)
                    + ")");
        }
        return levels;
    }

    private static boolean bool(String arg, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("argument: " + arg + " (expected: true or false)");
        };
    }
}
