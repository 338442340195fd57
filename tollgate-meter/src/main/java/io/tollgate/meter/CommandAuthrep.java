package io.tollgate.meter;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authreps {@link RedisCounterStore} runs with plain commands instead of a Lua script, and the
 * {@code MULTI}/{@code EXEC} transactions that run them. Redis spends about a quarter of a script
 * call's CPU on a pipelined {@code INCRBY} (docs/performance.md), so the common authrep — one counter
 * that is counted and checked, plus counters that are only read — goes without Lua.
 *
 * <p><b>Which authreps</b> ({@link #route}): those whose only possible reason for a denial is the
 * counter they increment. Then "increment first, take back on denial" is exact for that key: an
 * admitted increment is never taken back, and an authrep is admitted only if the value after its own
 * increment — which includes every admitted one — is within the limit, so no window ever admits past
 * its limit. A denied authrep's increment is visible to others until its {@code DECRBY} lands (about a
 * round trip). With equal deltas on a key that never refuses a call that would fit: the first such
 * increment only exists once the admitted count plus a delta passes the limit, and admitted counts
 * never shrink. With mixed deltas it can, transiently, and only while the window holds more than its
 * limit minus the largest delta (docs/decisions.md). Within one transaction the authreps are decided
 * exactly as one by one ({@link #outcome}). Authreps that check several counters keep the
 * all-or-nothing Lua script, where no transient increment is visible.
 *
 * <p><b>Full counters.</b> After a one-counter authrep was denied, the batcher sends the next ones on
 * that counter as {@link Route#PROBE}s: a {@code GET}, denied at once if they do not fit (one command
 * instead of four, and no increment for others to see), sent again as {@link Route#SINGLE} if they do.
 *
 * <p><b>TTLs.</b> Every {@code INCRBY} and rollback {@code DECRBY} is followed, inside the same
 * transaction, by {@code PEXPIRE key ttl NX} (eternity: {@code PEXPIRE key ttl}, refreshed), once per
 * key and transaction. Redis discards a transaction whose {@code EXEC} never arrives and runs an
 * {@code EXEC}uted one without interleaving, so no key exists without a TTL even for a moment, whatever
 * happens to the meter between commands (a key that vanished — restart, flush — and is re-created by
 * an increment gets its TTL in the same step). {@code PEXPIRE … NX} needs Redis 7.0.
 */
final class CommandAuthrep {
    private static final Logger LOG = LoggerFactory.getLogger(CommandAuthrep.class);

    /** How {@link RedisCounterStore} runs one authrep. */
    enum Route {
        /** Nothing to increment (usage-less, or a delta above its limit: denied whatever the count): reads. */
        READ,
        /** Nothing limited: increments and reads, never denied. */
        COUNT,
        /** One increment, and it is the only limited counter: increment, take back on denial. */
        SINGLE,
        /**
         * {@link #SINGLE} on a counter this meter last saw full: read it first, deny if it does not fit
         * (no increment to take back), else send it again as {@link #SINGLE}.
         */
        PROBE,
        /** Several counters can deny: the all-or-nothing Lua script ({@link LuaAuthrep}). */
        SCRIPT
    }

    private CommandAuthrep() {
    }

    /**
     * The route of an authrep with {@code args}, three per key: limit ({@code -1} = unlimited), delta,
     * TTL (as {@link RedisCounterStore#ttlArgument}).
     */
    static Route route(long[] args) {
        int increments = 0;
        int limited = 0;
        boolean limitedIncremented = false;
        for (int i = 0; i < args.length; i += 3) {
            long limit = args[i];
            long delta = args[i + 1];
            if (limit >= 0 && delta > limit) {
                return Route.READ;
            }
            if (delta > 0) {
                increments++;
            }
            if (limit >= 0) {
                limited++;
                limitedIncremented |= delta > 0;
            }
        }
        if (increments == 0) {
            return Route.READ;
        }
        if (limited == 0) {
            return Route.COUNT;
        }
        return increments == 1 && limited == 1 && limitedIncremented ? Route.SINGLE : Route.SCRIPT;
    }

    /**
     * Runs {@code batch} (no {@link Route#SCRIPT} authrep in it) as one transaction and completes each
     * authrep's result: admitted ones at once, denied and failed ones once their increments are taken
     * back (a second transaction), so a denial has changed nothing by the time it is answered. The
     * returned future completes when all of that is done; it never fails.
     *
     * <p>Runs to the end even when the callers have already been failed by the timeout: a late reply
     * still takes back the increments of denied authreps, so they do not linger in the window.
     */
    static Future<Void> run(Redis redis, List<AuthrepBatcher.Pending> batch, Listener listener) {
        Transaction transaction = transaction(batch);
        return redis.batch(transaction.requests()).transform(sent -> {
            Response results = sent.succeeded() ? sent.result().get(sent.result().size() - 1) : null;
            if (results == null) {
                // Queued commands refused (EXECABORT, e.g. OOM) or no reply: nothing was applied.
                RuntimeException failure = sent.failed()
                        ? new RedisCounterStore.RedisFailure("redis: " + RedisCounterStore.describe(sent.cause()),
                                sent.cause())
                        : new RedisCounterStore.RedisFailure("redis: transaction aborted", null);
                batch.forEach(p -> p.result().completeExceptionally(failure));
                return Future.succeededFuture();
            }
            List<Increment> takeBack = new ArrayList<>();
            Map<String, Long> undone = new HashMap<>();
            List<Runnable> afterwards = new ArrayList<>();
            for (int b = 0; b < batch.size(); b++) {
                AuthrepBatcher.Pending p = batch.get(b);
                Outcome o;
                try {
                    o = outcome(transaction, b, p, results, undone);
                } catch (RuntimeException e) {
                    o = new Outcome(null, "unexpected reply " + RedisCounterStore.describe(e), List.of(), false);
                }
                if (o.fits()) {
                    listener.fits(p);
                } else if (o.rollback().isEmpty()) {
                    answer(p, o);
                } else {
                    if (p.route() == Route.SINGLE && o.decision() != null) {
                        listener.full(p.keys().get(checked(p.args())));
                    }
                    takeBack.addAll(o.rollback());
                    Outcome denied = o;
                    afterwards.add(() -> answer(p, denied));
                }
            }
            if (takeBack.isEmpty()) {
                return Future.succeededFuture();
            }
            return redis.batch(rollback(takeBack)).transform(rolledBack -> {
                if (rolledBack.failed()) {
                    // The authreps are still denied (or failed) rightly; the window just counts these
                    // increments, so it may admit that much less until it ends. Rare: Redis answered
                    // the transaction a moment ago.
                    LOG.warn("redis: could not take back {} increment(s) of denied or failed authreps: {}",
                            takeBack.size(), RedisCounterStore.describe(rolledBack.cause()));
                }
                afterwards.forEach(Runnable::run);
                return Future.succeededFuture();
            });
        });
    }

    private static void answer(AuthrepBatcher.Pending p, Outcome o) {
        if (o.decision() != null) {
            p.result().complete(o.decision());
        } else {
            p.result().completeExceptionally(new RedisCounterStore.RedisFailure(
                    "redis: " + RedisSettings.redact(o.error()), null));
        }
    }

    /** Whether the route increments key {@code i} of {@code args} (else it only reads it). */
    static boolean increments(Route route, long[] args, int i) {
        return route != Route.READ && route != Route.PROBE && args[3 * i + 1] > 0;
    }

    /** The index of the limited counter of a {@link Route#SINGLE} authrep's {@code args}. */
    static int checked(long[] args) {
        for (int i = 0; i < args.length; i += 3) {
            if (args[i] >= 0) {
                return i / 3;
            }
        }
        throw new IllegalArgumentException("args: no limited counter (expected: a SINGLE authrep's)");
    }

    /** What a transaction tells the batcher besides the answers. */
    interface Listener {
        /** A {@link Route#SINGLE} authrep was denied: its counter {@code key} is full. */
        void full(String key);

        /** A {@link Route#PROBE} found that {@code p} fits: send it again as {@link Route#SINGLE}. */
        void fits(AuthrepBatcher.Pending p);
    }

    /**
     * One transaction for {@code batch}, none of it {@link Route#SCRIPT}: {@code MULTI}, per authrep
     * and key an {@code INCRBY} (with its {@code PEXPIRE}, once per key) or a {@code GET}, {@code EXEC}.
     */
    static Transaction transaction(List<AuthrepBatcher.Pending> batch) {
        List<Request> requests = new ArrayList<>();
        requests.add(Request.cmd(Command.MULTI));
        Set<String> expiring = new HashSet<>();
        int[][] positions = new int[batch.size()][];
        int queued = 0;
        for (int b = 0; b < batch.size(); b++) {
            AuthrepBatcher.Pending p = batch.get(b);
            positions[b] = new int[p.keys().size()];
            for (int i = 0; i < p.keys().size(); i++) {
                String key = p.keys().get(i);
                positions[b][i] = queued++;
                if (increments(p.route(), p.args(), i)) {
                    requests.add(Request.cmd(Command.INCRBY).arg(key).arg(p.args()[3 * i + 1]));
                    if (expiring.add(key)) {
                        requests.add(expire(key, p.args()[3 * i + 2]));
                        queued++;
                    }
                } else {
                    requests.add(Request.cmd(Command.GET).arg(key));
                }
            }
        }
        requests.add(Request.cmd(Command.EXEC));
        return new Transaction(requests, positions);
    }

    /**
     * {@code MULTI}, a {@code DECRBY} (with its {@code PEXPIRE}, once per key) per taken-back increment,
     * {@code EXEC}; empty when there is nothing to take back.
     */
    static List<Request> rollback(List<Increment> increments) {
        if (increments.isEmpty()) {
            return List.of();
        }
        List<Request> requests = new ArrayList<>(2 * increments.size() + 2);
        requests.add(Request.cmd(Command.MULTI));
        Set<String> expiring = new HashSet<>();
        for (Increment inc : increments) {
            requests.add(Request.cmd(Command.DECRBY).arg(inc.key()).arg(inc.delta()));
            if (expiring.add(inc.key())) {
                requests.add(expire(inc.key(), inc.ttl()));
            }
        }
        requests.add(Request.cmd(Command.EXEC));
        return requests;
    }

    /** Eternity ({@code ttl < 0}) refreshes its TTL on every write; every other key keeps its first one. */
    private static Request expire(String key, long ttl) {
        Request r = Request.cmd(Command.PEXPIRE).arg(key);
        return ttl < 0 ? r.arg(-ttl) : r.arg(ttl).arg("NX");
    }

    /**
     * Authrep {@code b}'s outcome in the {@code EXEC} reply {@code results} of {@code transaction}.
     * Values are the new ones when admitted, the ones before this authrep's increments when denied
     * (as {@link Decision} says); the increments to take back come with a denial or an error.
     *
     * <p>{@code undone} holds, per key, the increments earlier authreps of the same transaction will
     * take back; they are subtracted from what Redis returned, and this authrep's own are added when it
     * is denied or fails. So within one transaction every authrep is decided and answered exactly as if
     * the authreps had run one by one, each all-or-nothing, in transaction order (as the script does);
     * only increments of other transactions still in flight can be seen.
     */
    static Outcome outcome(Transaction transaction, int b, AuthrepBatcher.Pending p, Response results,
            Map<String, Long> undone) {
        int n = p.keys().size();
        long[] args = p.args();
        List<Long> values = new ArrayList<>(n);
        List<Integer> exceeded = new ArrayList<>();
        List<Increment> applied = new ArrayList<>();
        String error = null;
        for (int i = 0; i < n; i++) {
            String key = p.keys().get(i);
            Response r = results.get(transaction.positions()[b][i]);
            if (r != null && r.type() == ResponseType.ERROR) {
                error = error == null ? r.toString() : error;
                values.add(0L);
                continue;
            }
            long value;
            try {
                value = r == null ? 0 : r.toLong();
            } catch (RuntimeException e) {
                // GET of a key holding something else than an integer (INCRBY would have said so).
                error = error == null ? "ERR value is not an integer: " + key : error;
                values.add(0L);
                continue;
            }
            value -= undone.getOrDefault(key, 0L);
            long limit = args[3 * i];
            long delta = args[3 * i + 1];
            if (increments(p.route(), args, i)) {
                applied.add(new Increment(key, delta, args[3 * i + 2]));
                value -= delta;
            }
            values.add(value);
            // value is now the count before this authrep; 'delta > limit' also covers a negative count.
            if (limit >= 0 && (delta > limit || value > limit - delta)) {
                exceeded.add(i);
            }
        }
        if (error == null && exceeded.isEmpty() && p.route() == Route.PROBE) {
            return new Outcome(null, null, List.of(), true);
        }
        if (error == null && exceeded.isEmpty()) {
            List<Long> after = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                after.add(values.get(i) + (increments(p.route(), args, i) ? args[3 * i + 1] : 0));
            }
            return new Outcome(Decision.allowed(after), null, List.of(), false);
        }
        for (Increment inc : applied) {
            undone.merge(inc.key(), inc.delta(), Long::sum);
        }
        return error != null
                ? new Outcome(null, error, applied, false)
                : new Outcome(Decision.denied(values, exceeded), null, applied, false);
    }

    /**
     * A transaction's requests and, per authrep and key, the index of its result in the {@code EXEC}
     * reply (the {@code PEXPIRE}s take places too).
     */
    record Transaction(List<Request> requests, int[][] positions) {
    }

    /** An increment that landed and may have to be taken back. */
    record Increment(String key, long delta, long ttl) {
    }

    /**
     * One authrep's result: a decision, or an error message from Redis, or (a {@link Route#PROBE}) that
     * it fits and must be sent again; and the increments to take back before it is answered (a
     * denial's, or those that landed before another key failed).
     */
    record Outcome(Decision decision, String error, List<Increment> rollback, boolean fits) {
    }
}
