package io.tollgate.meter;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The Lua scripts of {@link RedisCounterStore}'s authrep, the requests that run them ({@code EVALSHA},
 * and {@code EVAL} once on {@code NOSCRIPT}) and the decoding of their replies.
 *
 * <p>{@link #SINGLE} runs one authrep; {@link #BATCH} runs several, one after the other, in one script
 * call. Redis runs a script alone, so each authrep of a batch is as atomic as a single call, and the
 * outcome is the one of sending them one by one in batch order. A batch pays Lua's fixed cost (script
 * lookup, argument conversion, the reply) once instead of once per authrep.
 */
final class LuaAuthrep {
    /*
     * ARGV holds three values per key: limit (-1 = unlimited), delta, TTL in milliseconds.
     * Reply: {allowed 1|0, {value per key}, {0-based index of each exceeded counter}}.
     */
    static final String SINGLE = """
            local cur, bad = {}, {}
            for i = 1, #KEYS do
              local v = tonumber(redis.call('GET', KEYS[i]) or '0')
              cur[i] = v
              local limit, delta = tonumber(ARGV[3 * i - 2]), tonumber(ARGV[3 * i - 1])
              if limit >= 0 and v + delta > limit then bad[#bad + 1] = i - 1 end
            end
            if #bad > 0 then return {0, cur, bad} end
            for i = 1, #KEYS do
              cur[i] = redis.call('INCRBY', KEYS[i], ARGV[3 * i - 1])
              redis.call('PEXPIRE', KEYS[i], ARGV[3 * i])
            end
            return {1, cur, {}}
            """;

    /*
     * KEYS: the keys of every authrep, concatenated in batch order.
     * ARGV[1]: the number of authreps; then per authrep its key count n and 3n values as in SINGLE.
     * Reply: one entry per authrep, {allowed 1|0, values, exceeded} as SINGLE's, or {-1, error message}
     * when that authrep raised an error (pcall: the authreps after it still run; as with SINGLE, an error
     * can only come from the checks, before the authrep writes anything).
     */
    static final String BATCH = """
            local function authrep(k, a, n)
              local cur, bad = {}, {}
              for i = 0, n - 1 do
                local v = tonumber(redis.call('GET', KEYS[k + i]) or '0')
                cur[i + 1] = v
                local limit, delta = tonumber(ARGV[a + 3 * i]), tonumber(ARGV[a + 3 * i + 1])
                if limit >= 0 and v + delta > limit then bad[#bad + 1] = i end
              end
              if #bad > 0 then return {0, cur, bad} end
              for i = 0, n - 1 do
                cur[i + 1] = redis.call('INCRBY', KEYS[k + i], ARGV[a + 3 * i + 1])
                redis.call('PEXPIRE', KEYS[k + i], ARGV[a + 3 * i + 2])
              end
              return {1, cur, {}}
            end
            local out, k, a = {}, 1, 2
            for r = 1, tonumber(ARGV[1]) do
              local n = tonumber(ARGV[a])
              local ok, res = pcall(authrep, k, a + 1, n)
              if ok then out[r] = res
              else out[r] = {-1, type(res) == 'table' and tostring(res.err) or tostring(res)} end
              k, a = k + n, a + 1 + 3 * n
            end
            return out
            """;

    static final String SINGLE_SHA = sha1(SINGLE);
    static final String BATCH_SHA = sha1(BATCH);

    private LuaAuthrep() {
    }

    /** Runs one authrep with {@link #SINGLE}; the reply decodes with {@link #decision}. */
    static Future<Response> sendSingle(Redis redis, AuthrepBatcher.Pending p) {
        return redis.send(single(Command.EVALSHA, SINGLE_SHA, p))
                .recover(e -> isNoScript(e) ? redis.send(single(Command.EVAL, SINGLE, p)) : Future.failedFuture(e));
    }

    /** Runs the authreps of {@code batch} in order with {@link #BATCH}; entry i of the reply is authrep i's. */
    static Future<Response> sendBatch(Redis redis, List<AuthrepBatcher.Pending> batch) {
        return redis.send(batch(Command.EVALSHA, BATCH_SHA, batch))
                .recover(e -> isNoScript(e) ? redis.send(batch(Command.EVAL, BATCH, batch)) : Future.failedFuture(e));
    }

    /** One authrep's reply, {@code {allowed, values, exceeded}}, as a decision. */
    static Decision decision(Response reply) {
        List<Long> values = new ArrayList<>(reply.get(1).size());
        for (Response v : reply.get(1)) {
            values.add(v.toLong());
        }
        if (reply.get(0).toInteger() == 1) {
            return Decision.allowed(values);
        }
        List<Integer> exceeded = new ArrayList<>();
        for (Response i : reply.get(2)) {
            exceeded.add(i.toInteger());
        }
        return Decision.denied(values, exceeded);
    }

    /** Whether a batch reply entry is an error, {@code {-1, message}}, rather than a decision. */
    static boolean isError(Response entry) {
        return entry.get(0).toInteger() == -1;
    }

    private static Request single(Command command, String shaOrBody, AuthrepBatcher.Pending p) {
        Request r = Request.cmd(command).arg(shaOrBody).arg(p.keys().size());
        p.keys().forEach(r::arg);
        for (long v : p.args()) {
            r.arg(v);
        }
        return r;
    }

    private static Request batch(Command command, String shaOrBody, List<AuthrepBatcher.Pending> batch) {
        int keys = 0;
        for (AuthrepBatcher.Pending p : batch) {
            keys += p.keys().size();
        }
        Request r = Request.cmd(command).arg(shaOrBody).arg(keys);
        for (AuthrepBatcher.Pending p : batch) {
            p.keys().forEach(r::arg);
        }
        r.arg(batch.size());
        for (AuthrepBatcher.Pending p : batch) {
            r.arg(p.keys().size());
            for (long v : p.args()) {
                r.arg(v);
            }
        }
        return r;
    }

    private static boolean isNoScript(Throwable e) {
        return e.getMessage() != null && e.getMessage().contains("NOSCRIPT");
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }
}
