package io.tollgate.bench;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The driver's own Redis calls around a run: that its keys are new, what they counted, deleting them,
 * and how much CPU Redis used. Only ever touches the keys it is given: the Redis is shared.
 */
final class RedisAdmin implements AutoCloseable {
    private static final int BATCH = 1000;

    private final Redis redis;

    RedisAdmin(Vertx vertx, String uri) {
        this.redis = Redis.createClient(requireNonNull(vertx, "vertx"), requireNonNull(uri, "uri"));
    }

    /** How many of {@code keys} exist. */
    long existing(List<String> keys) {
        long n = 0;
        for (int from = 0; from < keys.size(); from += BATCH) {
            n += send(withKeys(Command.EXISTS, keys, from)).toLong();
        }
        return n;
    }

    /** The sum of the integer values of {@code keys}; a missing key counts 0. */
    long sum(List<String> keys) {
        long total = 0;
        for (int from = 0; from < keys.size(); from += BATCH) {
            for (Response value : send(withKeys(Command.MGET, keys, from))) {
                total += value == null ? 0 : value.toLong();
            }
        }
        return total;
    }

    /** Deletes {@code keys}; returns how many existed. */
    long delete(List<String> keys) {
        long n = 0;
        for (int from = 0; from < keys.size(); from += BATCH) {
            n += send(withKeys(Command.UNLINK, keys, from)).toLong();
        }
        return n;
    }

    /** Redis's CPU time so far, user plus system, in seconds ({@code INFO cpu}). */
    double cpuSeconds() {
        String info = send(Request.cmd(Command.INFO).arg("cpu")).toString();
        return field(info, "used_cpu_user") + field(info, "used_cpu_sys");
    }

    /** The server's {@code redis_version}. */
    String version() {
        String info = send(Request.cmd(Command.INFO).arg("server")).toString();
        return info.lines().filter(l -> l.startsWith("redis_version:")).map(l -> l.substring(14).strip())
                .findFirst().orElse("unknown");
    }

    @Override
    public void close() {
        redis.close();
    }

    private static double field(String info, String name) {
        return info.lines().filter(l -> l.startsWith(name + ":")).map(l -> Double.parseDouble(l.substring(
                name.length() + 1).strip())).findFirst().orElseThrow(() -> new IllegalStateException(
                        "INFO cpu: no " + name + " field"));
    }

    private static Request withKeys(Command command, List<String> keys, int from) {
        Request request = Request.cmd(command);
        keys.subList(from, Math.min(keys.size(), from + BATCH)).forEach(request::arg);
        return request;
    }

    private Response send(Request request) {
        Future<Response> reply = redis.send(request);
        try {
            return reply.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("redis: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("redis: no reply within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("redis: interrupted", e);
        }
    }
}
