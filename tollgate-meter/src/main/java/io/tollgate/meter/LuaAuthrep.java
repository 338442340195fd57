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
     * ARGV holds three values per key: limit (-1 = unlimited), delta, TTL in milliseconds (negative:
     * refresh to -TTL on every write, for eternity; positive: set when the write creates the key, i.e.
     * when the value before it was 0 — a window's end does not move, so once is enough).
     * Each key is incremented first and, if any limit is passed, every key is decremented back: on the
     * common, admitted path that is one command per key instead of GET + INCRBY + PEXPIRE. If an INCRBY
     * fails (a key holding something else than an integer), the keys before it are decremented back and
     * the error is the reply.
     * Reply: {allowed 1|0, {value per key}, {0-based index of each exceeded counter}}; when denied, the
     * values are the unchanged ones, and a key the denied authrep created (its value was 0) is deleted.
     */
    static final String SINGLE = """
            local cur, bad = {}, {}
            for i = 1, #KEYS do
              local limit, delta, ttl = tonumber(ARGV[3 * i - 2]), tonumber(ARGV[3 * i - 1]), tonumber(ARGV[3 * i])
              local v = redis.pcall('INCRBY', KEYS[i], delta)
              if type(v) == 'table' and v.err then
                for j = 1, i - 1 do redis.call('DECRBY', KEYS[j], ARGV[3 * j - 1]) end
                return v
              end
              cur[i] = v
              if limit >= 0 and v > limit then bad[#bad + 1] = i - 1 end
              if ttl < 0 then redis.call('PEXPIRE', KEYS[i], -ttl)
              elseif v == delta then redis.call('PEXPIRE', KEYS[i], ttl) end
            end
            if #bad == 0 then return {1, cur, {}} end
            for i = 1, #KEYS do
              local delta = tonumber(ARGV[3 * i - 1])
              if cur[i] == delta then redis.call('DEL', KEYS[i]); cur[i] = 0
              elseif delta ~= 0 then cur[i] = redis.call('DECRBY', KEYS[i], delta) end
            end
            return {0, cur, bad}
            """;

    /*
     * KEYS: the keys of every authrep, concatenated in batch order.
     * ARGV[1]: the number of authreps; then per authrep its key count n and 3n values as in SINGLE.
     * Reply: one entry per authrep, {allowed 1|0, values, exceeded} as SINGLE's, or {-1, error message}
     * when that authrep raised an error (pcall: the authreps after it still run; an error — a value that
     * is not an integer, an overflow — comes from INCRBY; the keys the authrep already incremented are
     * decremented back first, so a failed authrep leaves nothing behind).
     */
    static final String BATCH = """
            local function authrep(k, a, n)
              local cur, bad = {}, {}
              for i = 0, n - 1 do
                local key = KEYS[k + i]
                local limit, delta = tonumber(ARGV[a + 3 * i]), tonumber(ARGV[a + 3 * i + 1])
                local ttl = tonumber(ARGV[a + 3 * i + 2])
                local v = redis.pcall('INCRBY', key, delta)
                if type(v) == 'table' and v.err then
                  for j = 0, i - 1 do redis.call('DECRBY', KEYS[k + j], ARGV[a + 3 * j + 1]) end
                  error(v)
                end
                cur[i + 1] = v
                if limit >= 0 and v > limit then bad[#bad + 1] = i end
                if ttl < 0 then redis.call('PEXPIRE', key, -ttl)
                elseif v == delta then redis.call('PEXPIRE', key, ttl) end
              end
              if #bad == 0 then return {1, cur, {}} end
              for i = 0, n - 1 do
                local delta = tonumber(ARGV[a + 3 * i + 1])
                if cur[i + 1] == delta then redis.call('DEL', KEYS[k + i]); cur[i + 1] = 0
                elseif delta ~= 0 then cur[i + 1] = redis.call('DECRBY', KEYS[k + i], delta) end
              end
              return {0, cur, bad}
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
