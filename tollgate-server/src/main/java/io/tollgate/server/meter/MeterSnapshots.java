package io.tollgate.server.meter;

import static java.util.Objects.requireNonNull;

import io.tollgate.common.Secrets;
import io.tollgate.meter.Period;
import io.tollgate.meter.config.MeterApp;
import io.tollgate.meter.config.MeterLimit;
import io.tollgate.meter.config.MeterMetric;
import io.tollgate.meter.config.MeterPlan;
import io.tollgate.meter.config.MeterService;
import io.tollgate.meter.config.MeterSnapshot;
import io.tollgate.meter.config.MeterTenant;
import io.tollgate.model.Metric;
import io.tollgate.store.Database;
import io.tollgate.store.MeterConfigDao;
import io.tollgate.store.MeterConfigDao.ApplicationRow;
import io.tollgate.store.MeterConfigDao.BackendUsageRow;
import io.tollgate.store.MeterConfigDao.LimitRow;
import io.tollgate.store.MeterConfigDao.MetricRow;
import io.tollgate.store.MeterConfigDao.PlanRow;
import io.tollgate.store.MeterConfigDao.ServiceRow;
import io.tollgate.store.MeterConfigDao.ServiceTokenRow;
import io.tollgate.store.MeterConfigDao.TenantRow;
import io.tollgate.store.MeterConfigDao.ValueRow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the complete {@link MeterSnapshot} of the platform from the system database: one snapshot
 * transaction, one query per table ({@link MeterConfigDao}), joined here in hash maps, so the cost
 * grows with the number of rows and not with queries per row.
 *
 * <p>A service's metrics are its own, then those of every backend it uses named
 * {@code <system_name>.<backend_id>}: a backend method's parent is the backend's {@code hits}, and
 * the backend's {@code hits} has the product's {@code hits} as parent, so usage of a backend rolls up
 * into the product's hits. Tenants that are suspended or scheduled for deletion are inactive, and so
 * are their services.
 */
public final class MeterSnapshots {
    private static final Logger LOG = LoggerFactory.getLogger(MeterSnapshots.class);
    private static final Set<String> INACTIVE_TENANT_STATES = Set.of("suspended", "scheduled_for_deletion");

    private final Database database;
    private final Clock clock;
    private final AtomicLong lastVersion = new AtomicLong();

    public MeterSnapshots(Database database, Clock clock) {
        this.database = requireNonNull(database, "database");
        this.clock = requireNonNull(clock, "clock");
    }

    /** The rows read in one transaction. */
    private record Rows(List<TenantRow> tenants, List<ServiceRow> services, List<ServiceTokenRow> tokens,
            List<MetricRow> metrics, List<BackendUsageRow> usages, List<PlanRow> plans, List<LimitRow> limits,
            List<ApplicationRow> apps, List<ValueRow> keys, List<ValueRow> filters) {
    }

    /**
     * Reads the database and builds the snapshot. Its version is the clock's epoch millis, or one
     * more than the previous snapshot's when the clock has not moved past it.
     */
    public MeterSnapshot build() {
        Rows rows = database.readSnapshot(h -> {
            MeterConfigDao dao = h.attach(MeterConfigDao.class);
            return new Rows(dao.tenants(), dao.services(), dao.serviceTokens(), dao.metrics(), dao.backendUsages(),
                    dao.plans(), dao.limits(), dao.applications(), dao.applicationKeys(), dao.referrerFilters());
        });
        long version = lastVersion.updateAndGet(previous -> Math.max(previous + 1, clock.millis()));
        Set<Long> inactiveTenants = new HashSet<>();
        rows.tenants().stream().filter(t -> INACTIVE_TENANT_STATES.contains(t.state()))
                .forEach(t -> inactiveTenants.add(t.id()));
        return new MeterSnapshot(version, tenants(rows), services(rows, inactiveTenants), plans(rows), apps(rows));
    }

    private static List<MeterTenant> tenants(Rows rows) {
        Map<Long, Long> defaultService = new HashMap<>();
        // Services come in id order: the first one seen is the tenant's lowest id.
        rows.services().forEach(s -> defaultService.putIfAbsent(s.accountId(), s.id()));
        return rows.tenants().stream()
                .map(t -> new MeterTenant(t.id(), t.providerKeyHash(), defaultService.getOrDefault(t.id(), 0L),
                        !INACTIVE_TENANT_STATES.contains(t.state())))
                .toList();
    }

    private static List<MeterService> services(Rows rows, Set<Long> inactiveTenants) {
        Map<Long, Set<String>> digests = new HashMap<>();
        rows.tokens().forEach(t -> digests.computeIfAbsent(t.serviceId(), k -> new HashSet<>())
                .add(Secrets.sha256(t.tokenValue())));
        Map<Long, List<MetricRow>> productMetrics = group(rows.metrics().stream()
                .filter(m -> m.serviceId() != null).toList(), MetricRow::serviceId);
        Map<Long, List<MetricRow>> backendMetrics = group(rows.metrics().stream()
                .filter(m -> m.backendApiId() != null).toList(), MetricRow::backendApiId);
        Map<Long, List<BackendUsageRow>> usages = group(rows.usages(), BackendUsageRow::serviceId);
        List<MeterService> services = new ArrayList<>(rows.services().size());
        for (ServiceRow s : rows.services()) {
            List<MetricRow> own = productMetrics.getOrDefault(s.id(), List.of());
            long hits = own.stream().filter(MeterSnapshots::isHits).mapToLong(MetricRow::id).findFirst().orElse(0);
            List<MeterMetric> metrics = new ArrayList<>();
            own.forEach(m -> metrics.add(new MeterMetric(m.id(), m.systemName(), parentOrZero(m))));
            for (BackendUsageRow usage : usages.getOrDefault(s.id(), List.of())) {
                for (MetricRow m : backendMetrics.getOrDefault(usage.backendApiId(), List.of())) {
                    long parent = isHits(m) ? hits : parentOrZero(m);
                    metrics.add(new MeterMetric(m.id(), m.systemName() + "." + usage.backendApiId(), parent));
                }
            }
            services.add(new MeterService(s.id(), s.accountId(), s.backendVersion(),
                    !inactiveTenants.contains(s.accountId()), digests.getOrDefault(s.id(), Set.of()),
                    s.referrerFiltersRequired(), metrics));
        }
        return services;
    }

    private static List<MeterPlan> plans(Rows rows) {
        Map<Long, List<MeterLimit>> limits = new HashMap<>();
        for (LimitRow l : rows.limits()) {
            Period period;
            try {
                period = Period.fromCode(l.limitPeriod());
            } catch (IllegalArgumentException e) {
                // Validated on the way in; a row that is not is left out rather than blocking every change.
                LOG.warn("Usage limit of plan {} on metric {} left out of the meter configuration: {}", l.planId(),
                        l.metricId(), e.getMessage());
                continue;
            }
            limits.computeIfAbsent(l.planId(), k -> new ArrayList<>())
                    .add(new MeterLimit(l.metricId(), period, Math.max(0, l.maxValue())));
        }
        return rows.plans().stream()
                .map(p -> new MeterPlan(p.id(), p.serviceId(), p.name(), limits.getOrDefault(p.id(), List.of())))
                .toList();
    }

    private static List<MeterApp> apps(Rows rows) {
        Map<Long, List<ValueRow>> keys = group(rows.keys(), ValueRow::ownerId);
        Map<Long, List<ValueRow>> filters = group(rows.filters(), ValueRow::ownerId);
        return rows.apps().stream()
                .map(a -> new MeterApp(a.id(), a.serviceId(), a.planId(), a.state(), a.userKey(), a.appId(),
                        values(keys.get(a.id())), values(filters.get(a.id())), a.redirectUrl()))
                .toList();
    }

    private static List<String> values(List<ValueRow> rows) {
        return rows == null ? List.of() : rows.stream().map(ValueRow::value).toList();
    }

    private static boolean isHits(MetricRow m) {
        return m.parentId() == null && Metric.HITS.equals(m.systemName());
    }

    private static long parentOrZero(MetricRow m) {
        return m.parentId() == null ? 0 : m.parentId();
    }

    private static <T> Map<Long, List<T>> group(List<T> rows, Function<T, Long> key) {
        Map<Long, List<T>> groups = new HashMap<>();
        rows.forEach(row -> groups.computeIfAbsent(key.apply(row), k -> new ArrayList<>()).add(row));
        return groups;
    }
}
