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
 * The Lua script of {@link RedisCounterStore}'s authreps that check several counters, the requests that
 * run it ({@code EVALSHA}, and {@code EVAL} once on {@code NOSCRIPT}) and the decoding of its reply.
 *
 * <p>{@link #BATCH} runs one or more authreps, one after the other, in one script call. Redis runs a
 * script alone, so each authrep of a batch is atomic, and the outcome is the one of sending them one by
 * one in batch order. A batch pays Lua's fixed cost (script lookup, argument conversion, the reply) once
 * instead of once per authrep; the reply is one flat array of integers, which Redis converts from Lua
 * about a third cheaper than nested tables (measured, docs/decisions.md).
 */
final class LuaAuthrep {
    /*
     * KEYS: the keys of every authrep, concatenated in batch order.
     * ARGV[1]: the number of authreps; then per authrep its key count n and three values per key:
     * limit (-1 = unlimited), delta, TTL in milliseconds (negative: refresh to -TTL on every write, for
     * eternity; positive: set when the write creates the key, i.e. when the value before it was 0 — a
     * window's end does not move, so once is enough).
     * Each key is incremented first and, if any limit is passed, every key is decremented back: on the
     * common, admitted path that is one command per key instead of GET + INCRBY + PEXPIRE. A key the
     * denied authrep created (its value was 0) is deleted.
     * Reply, flat: per authrep 1 (admitted) or 0 (denied) followed by its n values (the new ones, or the
     * unchanged ones when denied); or, when an INCRBY failed (a key holding something else than an
     * integer, an overflow), -1, the error message and n - 1 zeros — the keys the authrep had already
     * incremented are decremented back first, so a failed authrep leaves nothing behind, and the
     * authreps after it still run.
     */
    static final String BATCH = """
            local out, o, k, a = {}, 0, 1, 2
            for r = 1, tonumber(ARGV[1]) do
              local n = tonumber(ARGV[a])
              a = a + 1
              local bad, err, i = false, nil, 0
              while i < n do
                local key, j = KEYS[k + i], a + 3 * i
                local delta = tonumber(ARGV[j + 1])
                local v = redis.pcall('INCRBY', key, delta)
                if type(v) == 'table' then err = v.err break end
                out[o + 2 + i] = v
                local limit = tonumber(ARGV[j])
                if limit >= 0 and v > limit then bad = true end
                local ttl = tonumber(ARGV[j + 2])
                if ttl < 0 then redis.call('PEXPIRE', key, -ttl)
                elseif v == delta then redis.call('PEXPIRE', key, ttl) end
                i = i + 1
              end
              if err then
                for m = 0, i - 1 do redis.call('DECRBY', KEYS[k + m], ARGV[a + 3 * m + 1]) end
                out[o + 1], out[o + 2] = -1, tostring(err)
                for m = 3, n + 1 do out[o + m] = 0 end
              elseif bad then
                out[o + 1] = 0
                for m = 0, n - 1 do
                  local delta, v = tonumber(ARGV[a + 3 * m + 1]), out[o + 2 + m]
                  if v == delta then redis.call('DEL', KEYS[k + m]); out[o + 2 + m] = 0
                  elseif delta ~= 0 then out[o + 2 + m] = redis.call('DECRBY', KEYS[k + m], delta) end
                end
              else
                out[o + 1] = 1
              end
              o, k, a = o + 1 + n, k + n, a + 3 * n
            end
            return out
            """;

    static final String BATCH_SHA = sha1(BATCH);

    private LuaAuthrep() {
    }

    /** Runs the authreps of {@code batch} in order with {@link #BATCH}; decode the reply with {@link #decode}. */
    static Future<Response> send(Redis redis, List<AuthrepBatcher.Pending> batch) {
        return redis.send(request(Command.EVALSHA, BATCH_SHA, batch))
                .recover(e -> isNoScript(e) ? redis.send(request(Command.EVAL, BATCH, batch)) : Future.failedFuture(e));
    }

    /**
     * Authrep {@code index}'s entry of the flat reply, starting at {@code at} (advance by
     * {@code 1 + keys}): a decision, or a {@link RedisCounterStore.RedisFailure} for a failed authrep.
     * A denial's exceeded counters are those whose unchanged value plus delta passes the limit — the
     * script's own test.
     */
    static Decision decode(Response reply, int at, AuthrepBatcher.Pending p) {
        int n = p.keys().size();
        long status = reply.get(at).toLong();
        if (status == -1) {
            throw new RedisCounterStore.RedisFailure("redis: " + RedisSettings.redact(reply.get(at + 1).toString()),
                    null);
        }
        List<Long> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(reply.get(at + 1 + i).toLong());
        }
        if (status == 1) {
            return Decision.allowed(values);
        }
        List<Integer> exceeded = new ArrayList<>();
        long[] args = p.args();
        for (int i = 0; i < n; i++) {
            long limit = args[3 * i];
            long delta = args[3 * i + 1];
            if (limit >= 0 && (delta > limit || values.get(i) > limit - delta)) {
                exceeded.add(i);
            }
        }
        return Decision.denied(values, exceeded);
    }

    private static Request request(Command command, String shaOrBody, List<AuthrepBatcher.Pending> batch) {
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
