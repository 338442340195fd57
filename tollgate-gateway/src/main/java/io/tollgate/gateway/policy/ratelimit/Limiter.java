package io.tollgate.gateway.policy.ratelimit;

import io.tollgate.gateway.config.JsonFields;
import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.template.TemplatedValue;
import java.util.List;

/**
 * One limiter of a {@code rate_limit} policy, compiled once per image.
 *
 * @param kind fixed window or leaky bucket
 * @param name the key's name, plain or Liquid (rendered per request: {@code {{ remote_addr }}})
 * @param prefix what goes before the rendered name: the kind and parameters, and the product id
 *     unless the key's scope is {@code global}
 * @param amount a fixed window's {@code count}, a leaky bucket's {@code rate} (requests per second)
 * @param window a fixed window's length in seconds (0 for a bucket)
 * @param burst a leaky bucket's {@code burst} (0 for a window)
 * @param condition when the limiter applies
 */
record Limiter(Kind kind, TemplatedValue name, String prefix, long amount, long window, long burst,
        LimiterCondition condition) {

    /** The limiter kinds (APIcast's names). */
    enum Kind {
        FIXED_WINDOW("fixed_window"),
        LEAKY_BUCKET("leaky_bucket");

        final String configName;

        Kind(String configName) {
            this.configName = configName;
        }
    }

    static Limiter parse(Kind kind, JsonFields f, long productId) {
        JsonFields key = f.object("key");
        if (!f.has("key")) {
            throw f.fail("key", "missing (expected: an object with name, name_type, scope)");
        }
        TemplatedValue name = TemplatedValue.read(key, "name", "name_type", null);
        if (name == null) {
            throw key.fail("name", "missing (expected: a string)");
        }
        boolean global = key.oneOf("scope", "service", List.of("service", "global")).equals("global");
        long amount;
        long window = 0;
        long burst = 0;
        String parameters;
        if (kind == Kind.FIXED_WINDOW) {
            if (!f.has("count")) {
                throw f.fail("count", "missing (expected: an integer >= 1)");
            }
            amount = f.longValue("count", 1, 1, Integer.MAX_VALUE);
            window = f.longValue("window", 1, 0, 366L * 24 * 3600);
            if (window == 0) {
                window = 1; // APIcast treats 0 as 1 second
            }
            parameters = window + "s";
        } else {
            if (!f.has("rate")) {
                throw f.fail("rate", "missing (expected: an integer >= 1)");
            }
            amount = f.longValue("rate", 1, 1, 1_000_000);
            burst = f.longValue("burst", 0, 0, 1_000_000);
            parameters = amount + "r" + burst + "b";
        }
        String prefix = (global ? "" : productId + "_") + kind.configName + "_" + parameters + "_";
        return new Limiter(kind, name, prefix, amount, window, burst, LimiterCondition.parse(f.object("condition")));
    }

    /** The key this limiter counts the request under. */
    String key(Exchange ex) {
        return name.isLiquid() ? prefix + name.render(ex) : prefix + name.plainText();
    }
}
