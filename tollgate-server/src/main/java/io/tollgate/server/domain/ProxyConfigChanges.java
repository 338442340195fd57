package io.tollgate.server.domain;

import static java.util.Objects.requireNonNull;

import io.tollgate.store.Database;
import io.tollgate.store.ProxyConfigDao;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells gateways when a tenant's configuration in an environment changed, so that a deploy or a
 * promotion reaches a connected gateway within a second (the long-poll
 * {@code GET /admin/api/account/proxy_configs/:env/changes}).
 *
 * <p>The <em>token</em> of a tenant and environment is its number of versions and its highest
 * version id ({@link ProxyConfigDao.Stamp}): every deploy and promotion adds a version with a higher
 * id, and deleting a product removes versions, so the token changes with everything the gateways'
 * listing shows. It stands for what the environment holds: deleting the only product deployed since
 * token T brings T back, with the very listing T stood for.
 *
 * <p>A waiting request holds no thread: it is a future that this class's single thread
 * ({@value #THREAD}) completes. That thread checks the tokens of the tenants with waiters when it is
 * told a write happened ({@link #changed}, in process) and every {@link #CHECK_EVERY} while anyone
 * waits, so that a change written by another server replica on the same database is seen too. All
 * waiter bookkeeping happens on that thread.
 */
public final class ProxyConfigChanges implements AutoCloseable {
    /** The checking thread's name. */
    public static final String THREAD = "tollgate-config-changes";
    /** How often the tokens of tenants with waiters are read while anyone waits. */
    public static final Duration CHECK_EVERY = Duration.ofMillis(500);
    /**
     * The account id that stands for every active tenant: the master's listing
     * ({@code /master/api/proxy/configs/:env/changes}), whose token moves with any tenant's change.
     */
    public static final long ALL_TENANTS = 0;
    /** The token of an environment without any version. */
    static final String NONE = "0-0";
    private static final int ACCOUNTS_PER_QUERY = 500;
    private static final Logger LOG = LoggerFactory.getLogger(ProxyConfigChanges.class);

    private record Key(long accountId, String environment) {
    }

    private static final class Waiter {
        final Key key;
        final String since;
        final CompletableFuture<String> answer = new CompletableFuture<>();
        ScheduledFuture<?> timeout;

        Waiter(Key key, String since) {
            this.key = key;
            this.since = since;
        }
    }

    private final Database database;
    private final ScheduledExecutorService worker;
    private final Map<Key, List<Waiter>> waiters = new HashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private ScheduledFuture<?> tick;
    private boolean failing;

    public ProxyConfigChanges(Database database) {
        this.database = requireNonNull(database, "database");
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, THREAD);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The current token of the tenant's environment. Blocks on the database (call it on a worker). */
    public String token(long accountId, String environment) {
        Key key = new Key(accountId, requireNonNull(environment, "environment"));
        return database.read(h -> tokens(h, Set.of(accountId))).getOrDefault(key, NONE);
    }

    /**
     * Completes with the new token once the tenant's environment has a token other than
     * {@code since}, or with {@code since} after {@code wait}. Cancelling the future (the client went
     * away) forgets the waiter. Never blocks.
     */
    public CompletableFuture<String> await(long accountId, String environment, String since, Duration wait) {
        Waiter waiter = new Waiter(new Key(accountId, requireNonNull(environment, "environment")),
                requireNonNull(since, "since"));
        long millis = Math.max(0, wait.toMillis());
        waiter.answer.whenComplete((token, failure) -> execute(() -> remove(waiter)));
        if (!execute(() -> register(waiter, millis))) {
            waiter.answer.complete(since);
        }
        return waiter.answer;
    }

    /**
     * The tenant wrote something: check its waiters (and those of {@link #ALL_TENANTS}) now rather
     * than at the next tick. Never blocks.
     */
    public void changed(long accountId) {
        execute(() -> {
            Set<Long> affected = new HashSet<>();
            for (Key k : waiters.keySet()) {
                if (k.accountId() == accountId || k.accountId() == ALL_TENANTS) {
                    affected.add(k.accountId());
                }
            }
            if (!affected.isEmpty()) {
                check(affected);
            }
        });
    }

    /** How many requests wait right now (for tests and metrics). */
    public int waiting() {
        return waiting.get();
    }

    private void register(Waiter waiter, long millis) {
        if (waiter.answer.isDone()) {
            return;
        }
        waiters.computeIfAbsent(waiter.key, k -> new ArrayList<>()).add(waiter);
        waiting.incrementAndGet();
        waiter.timeout = worker.schedule(() -> waiter.answer.complete(waiter.since), millis, TimeUnit.MILLISECONDS);
        if (tick == null) {
            long every = CHECK_EVERY.toMillis();
            tick = worker.scheduleWithFixedDelay(this::checkAll, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void remove(Waiter waiter) {
        if (waiter.timeout != null) {
            waiter.timeout.cancel(false);
        }
        List<Waiter> list = waiters.get(waiter.key);
        if (list != null && list.remove(waiter)) {
            waiting.decrementAndGet();
            if (list.isEmpty()) {
                waiters.remove(waiter.key);
            }
        }
        if (waiters.isEmpty() && tick != null) {
            tick.cancel(false);
            tick = null;
        }
    }

    private void checkAll() {
        Set<Long> accounts = new HashSet<>();
        waiters.keySet().forEach(k -> accounts.add(k.accountId()));
        check(accounts);
    }

    private void check(Set<Long> accounts) {
        Map<Key, String> tokens;
        try {
            tokens = database.read(h -> tokens(h, accounts));
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Cannot read configuration tokens for waiting gateways ({}: {}); they get their answer "
                        + "when the database is back or when their wait ends", e.getClass().getSimpleName(),
                        e.getMessage());
                failing = true;
            }
            return;
        }
        if (failing) {
            LOG.info("Configuration tokens readable again");
            failing = false;
        }
        for (Map.Entry<Key, List<Waiter>> entry : List.copyOf(waiters.entrySet())) {
            if (!accounts.contains(entry.getKey().accountId())) {
                continue;
            }
            String token = tokens.getOrDefault(entry.getKey(), NONE);
            for (Waiter waiter : List.copyOf(entry.getValue())) {
                if (!token.equals(waiter.since)) {
                    waiter.answer.complete(token);
                }
            }
        }
    }

    private static Map<Key, String> tokens(Handle h, Collection<Long> accounts) {
        Map<Key, String> tokens = new HashMap<>();
        if (accounts.contains(ALL_TENANTS)) {
            for (ProxyConfigDao.Stamp s : h.attach(ProxyConfigDao.class).stampsOfActiveTenants()) {
                tokens.put(new Key(ALL_TENANTS, s.environment()), s.versions() + "-" + s.maxId());
            }
        }
        List<Long> all = accounts.stream().filter(a -> a != ALL_TENANTS).toList();
        for (int from = 0; from < all.size(); from += ACCOUNTS_PER_QUERY) {
            List<Long> batch = all.subList(from, Math.min(all.size(), from + ACCOUNTS_PER_QUERY));
            for (ProxyConfigDao.Stamp s : h.attach(ProxyConfigDao.class).stamps(batch)) {
                tokens.put(new Key(s.accountId(), s.environment()), s.versions() + "-" + s.maxId());
            }
        }
        return tokens;
    }

    private boolean execute(Runnable task) {
        try {
            worker.execute(task);
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }

    /** Stops the checking thread; requests still waiting get no answer (the server closes them). */
    @Override
    public void close() {
        worker.shutdownNow();
    }
}
