package io.tollgate.meter;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Natural batching of {@link RedisCounterStore}'s authreps: no call waits for a batch to fill.
 *
 * <p>{@link #submit} queues the authrep; while fewer than {@code maxInFlight} sends are outstanding, a
 * send takes everything queued (up to {@code maxBatch} authreps or {@link #MAX_BATCH_KEYS} keys) and
 * runs it as one batch: the authreps that take plain commands as one transaction
 * ({@link CommandAuthrep}), the others as one script call ({@link LuaAuthrep}), side by side. When a
 * send completes, the next one takes whatever queued meanwhile. At low load each authrep so goes
 * alone, as soon as it is submitted; under load, authreps pile up behind the outstanding sends and
 * leave together.
 *
 * <p>On a Redis Cluster one script or transaction may only touch keys of one slot: a send is split into
 * one batch per hash part ({@code {tag}} or whole key) shared by all keys of an authrep; an authrep
 * whose keys do not share one goes alone (and fails with {@code CROSSSLOT}, alone). Standalone and
 * Sentinel batch freely.
 *
 * <p>Each authrep's deadline is its submit time plus the timeout. A batch fails, with {@link
 * RedisCounterStore.RedisFailure}, all its authreps when Redis has not answered by the earliest deadline
 * among them; an authrep still queued after its deadline fails without being sent. A timed-out batch
 * still travels: Redis may apply it later, exactly as a timed-out single call.
 *
 * <p>Threading: {@link #submit} runs on any thread; the queue is lock-free and a compare-and-set on the
 * in-flight count decides who sends. A submitter and a completing send each write their variable then
 * read the other's, so whichever comes second sends what is queued: nothing is left behind.
 */
final class AuthrepBatcher {
    /** A batch stops growing once it holds this many keys (one authrep may pass it alone). */
    static final int MAX_BATCH_KEYS = 1024;

    private final Vertx vertx;
    private final Redis redis;
    private final long timeoutMillis;
    private final int maxInFlight;
    private final int maxBatch;
    private final boolean bySlot;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder scriptCalls = new LongAdder();
    private final LongAdder transactions = new LongAdder();
    /** Counters whose last one-counter authrep here was denied: the next ones read before they add. */
    private final FullCounters full = new FullCounters();
    private final LongAdder authreps = new LongAdder();

    /**
     * What transactions report: which counters were full, and which probed authreps fit after all
     * (sent again, with the same deadline, as one-counter authreps).
     */
    private final CommandAuthrep.Listener listener = new CommandAuthrep.Listener() {
        @Override
        public void full(String key) {
            full.add(key);
        }

        @Override
        public void fits(Pending p) {
            full.remove(p.keys().get(CommandAuthrep.checked(p.args())));
            queue.add(new Pending(p.keys(), p.args(), CommandAuthrep.Route.SINGLE, p.group(), p.deadline(),
                    p.result()));
            drain();
        }
    };

    AuthrepBatcher(Vertx vertx, Redis redis, long timeoutMillis, int maxInFlight, int maxBatch, boolean bySlot) {
        this.vertx = vertx;
        this.redis = redis;
        this.timeoutMillis = timeoutMillis;
        this.maxInFlight = maxInFlight;
        this.maxBatch = maxBatch;
        this.bySlot = bySlot;
    }

    /**
     * Queues one authrep and sends it, alone or with others, as soon as a send slot is free.
     *
     * @param keys the full keys, distinct
     * @param args per key: limit (-1 = unlimited), delta, TTL in milliseconds
     */
    CompletableFuture<Decision> submit(List<String> keys, long[] args) {
        CommandAuthrep.Route route = CommandAuthrep.route(args);
        if (route == CommandAuthrep.Route.SINGLE && full.contains(keys.get(CommandAuthrep.checked(args)))) {
            route = CommandAuthrep.Route.PROBE;
        }
        Pending p = new Pending(keys, args, route, bySlot ? hashPart(keys) : "",
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis), new CompletableFuture<>());
        queue.add(p);
        drain();
        return p.result();
    }

    /** Script calls sent so far (an {@code EVAL} after {@code NOSCRIPT} is not counted again). */
    long scriptCalls() {
        return scriptCalls.sum();
    }

    /** Transactions of plain commands sent so far ({@link CommandAuthrep}), rollbacks not counted. */
    long transactions() {
        return transactions.sum();
    }

    /** Authreps sent so far, alone or in batches. */
    long authreps() {
        return authreps.sum();
    }

    /** Sends what is queued while send slots are free. */
    private void drain() {
        while (!queue.isEmpty()) {
            int n = inFlight.get();
            if (n >= maxInFlight) {
                return;
            }
            if (!inFlight.compareAndSet(n, n + 1)) {
                continue;
            }
            List<Pending> taken = take();
            if (taken.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            send(taken);
        }
    }

    /** Up to one batch from the queue; authreps already past their deadline fail instead. */
    private List<Pending> take() {
        List<Pending> out = new ArrayList<>();
        long now = System.nanoTime();
        int keys = 0;
        while (out.size() < maxBatch && keys < MAX_BATCH_KEYS) {
            Pending p = queue.poll();
            if (p == null) {
                break;
            }
            if (now - p.deadline() >= 0) {
                p.result().completeExceptionally(timedOut());
                continue;
            }
            out.add(p);
            keys += p.keys().size();
        }
        return out;
    }

    /** Sends {@code taken} as one batch, or one per slot on a Cluster; frees the slot when all are done. */
    private void send(List<Pending> taken) {
        List<List<Pending>> batches = bySlot ? bySlot(taken) : List.of(taken);
        AtomicInteger open = new AtomicInteger(batches.size());
        Runnable done = () -> {
            if (open.decrementAndGet() == 0) {
                inFlight.decrementAndGet();
                drain();
            }
        };
        for (List<Pending> batch : batches) {
            sendBatch(batch, done);
        }
    }

    private void sendBatch(List<Pending> batch, Runnable done) {
        authreps.add(batch.size());
        List<Pending> commands = new ArrayList<>(batch.size());
        List<Pending> script = new ArrayList<>();
        for (Pending p : batch) {
            (p.route() == CommandAuthrep.Route.SCRIPT ? script : commands).add(p);
        }
        long earliest = batch.get(0).deadline();
        for (Pending p : batch) {
            earliest = p.deadline() - earliest < 0 ? p.deadline() : earliest;
        }
        long delay = Math.max(1, TimeUnit.NANOSECONDS.toMillis(earliest - System.nanoTime() + 999_999));
        AtomicBoolean finished = new AtomicBoolean();
        long timer = vertx.setTimer(delay, id -> {
            if (finished.compareAndSet(false, true)) {
                RuntimeException failure = timedOut();
                // Results already answered stay as they are: completing them again does nothing.
                batch.forEach(p -> p.result().completeExceptionally(failure));
                done.run();
            }
        });
        List<Future<Void>> parts = new ArrayList<>(2);
        if (!commands.isEmpty()) {
            transactions.increment();
            parts.add(guard(commands, () -> CommandAuthrep.run(redis, commands, listener)));
        }
        if (!script.isEmpty()) {
            scriptCalls.increment();
            parts.add(guard(script, () -> sendScript(script)));
        }
        Future.join(parts).onComplete(ar -> {
            if (finished.compareAndSet(false, true)) {
                vertx.cancelTimer(timer);
                done.run();
            }
        });
    }

    /** {@code part}'s future; a part that throws instead fails its own authreps (and completes). */
    private static Future<Void> guard(List<Pending> authreps, Supplier<Future<Void>> part) {
        try {
            return part.get();
        } catch (RuntimeException e) {
            RuntimeException failure = new RedisCounterStore.RedisFailure(
                    "redis: " + RedisCounterStore.describe(e), e);
            authreps.forEach(p -> p.result().completeExceptionally(failure));
            return Future.succeededFuture();
        }
    }

    /** Runs {@code script} (all {@link CommandAuthrep.Route#SCRIPT}) as one script call and answers each. */
    private Future<Void> sendScript(List<Pending> script) {
        return LuaAuthrep.send(redis, script).transform(ar -> {
            if (ar.failed()) {
                RuntimeException failure = new RedisCounterStore.RedisFailure(
                        "redis: " + RedisCounterStore.describe(ar.cause()), ar.cause());
                script.forEach(p -> p.result().completeExceptionally(failure));
                return Future.succeededFuture();
            }
            int at = 0;
            for (Pending p : script) {
                try {
                    p.result().complete(LuaAuthrep.decode(ar.result(), at, p));
                } catch (RedisCounterStore.RedisFailure e) {
                    p.result().completeExceptionally(e);
                } catch (RuntimeException e) {
                    p.result().completeExceptionally(new RedisCounterStore.RedisFailure(
                            "redis: unexpected reply " + RedisCounterStore.describe(e), e));
                }
                at += 1 + p.keys().size();
            }
            return Future.succeededFuture();
        });
    }

    private RuntimeException timedOut() {
        return new RedisCounterStore.RedisFailure("redis: no reply within " + timeoutMillis + " ms", null);
    }

    /** {@code taken} split by hash part, in order; an authrep without a common one makes a batch of its own. */
    private static List<List<Pending>> bySlot(List<Pending> taken) {
        Map<String, List<Pending>> groups = new LinkedHashMap<>();
        List<List<Pending>> out = new ArrayList<>();
        for (Pending p : taken) {
            if (p.group() == null) {
                out.add(List.of(p));
            } else {
                groups.computeIfAbsent(p.group(), g -> new ArrayList<>()).add(p);
            }
        }
        out.addAll(groups.values());
        return out;
    }

    /**
     * The part of the keys Redis Cluster hashes, when all keys share it: the content of the first
     * {@code {…}} if non-empty, else the whole key. {@code null} when they do not (or there are no keys).
     */
    static String hashPart(List<String> keys) {
        String common = null;
        for (String key : keys) {
            String part = hashPart(key);
            if (common == null) {
                common = part;
            } else if (!common.equals(part)) {
                return null;
            }
        }
        return common;
    }

    private static String hashPart(String key) {
        int open = key.indexOf('{');
        if (open >= 0) {
            int close = key.indexOf('}', open + 1);
            if (close > open + 1) {
                return key.substring(open + 1, close);
            }
        }
        return key;
    }

    /** One queued authrep: its keys, three arguments per key, its route, slot group, deadline and result. */
    record Pending(List<String> keys, long[] args, CommandAuthrep.Route route, String group, long deadline,
            CompletableFuture<Decision> result) {
    }
}
