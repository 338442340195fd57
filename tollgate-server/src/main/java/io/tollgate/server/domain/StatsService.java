package io.tollgate.server.domain;

import static java.util.Objects.requireNonNull;

import io.tollgate.common.Errors;
import io.tollgate.common.TollgateException;
import io.tollgate.common.ValidationException;
import io.tollgate.meter.Period;
import io.tollgate.meter.stats.UsageStats;
import io.tollgate.model.Account;
import io.tollgate.model.Application;
import io.tollgate.model.ApplicationPlan;
import io.tollgate.model.BackendUsage;
import io.tollgate.model.Metric;
import io.tollgate.model.Owner;
import io.tollgate.server.http.Fields;
import io.tollgate.store.AccountDao;
import io.tollgate.store.ApplicationDao;
import io.tollgate.store.ApplicationPlanDao;
import io.tollgate.store.BackendUsageDao;
import io.tollgate.store.Database;
import io.tollgate.store.MetricDao;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Usage statistics of applications (the 3scale Analytics API): the application and metric come
 * from the system database, the values from {@link UsageStats}. A metric is one of the product's
 * own, or a metric of a backend the product uses named {@code <system_name>.<backend_id>}.
 */
public final class StatsService {
    private final Database database;
    private final UsageStats stats;

    public StatsService(Database database, UsageStats stats) {
        this.database = requireNonNull(database, "database");
        this.stats = requireNonNull(stats, "stats");
    }

    /**
     * One application's usage of one metric over a range.
     *
     * @param metricName the name the metric was asked for by ({@code hits}, {@code hits.42})
     * @param buyer the developer account owning the application
     * @param values one per bucket of the query's granularity
     */
    public record Usage(Application application, ApplicationPlan plan, Account buyer, Metric metric,
            String metricName, StatsQuery query, List<Long> values) {

        /** The sum of the values. */
        public long total() {
            return values.stream().mapToLong(Long::longValue).sum();
        }
    }

    private record Subject(Application application, ApplicationPlan plan, Account buyer, Metric metric) {
    }

    /**
     * The usage of the tenant's application {@code applicationId}: 404 when the tenant has no such
     * application, 422 naming the field when a parameter is missing or wrong.
     */
    public Usage applicationUsage(long tenantId, long applicationId, Fields query) {
        Errors errors = new Errors();
        StatsQuery parsed = StatsQuery.parse(query, errors);
        Subject subject = database.read(h -> {
            Application application = h.attach(ApplicationDao.class).find(tenantId, applicationId)
                    .orElseThrow(TollgateException::notFound);
            errors.throwIfAny();
            Metric metric = metric(h, application.serviceId(), parsed.metricName())
                    .orElseThrow(() -> ValidationException.of("metric_name", "'" + parsed.metricName()
                            + "' is not a metric of the application's product or of a backend it uses"
                            + " (backend metrics are named <system_name>.<backend_id>)"));
            ApplicationPlan plan = h.attach(ApplicationPlanDao.class).find(tenantId, application.planId())
                    .orElseThrow();
            Account buyer = h.attach(AccountDao.class).find(application.buyerAccountId()).orElseThrow();
            return new Subject(application, plan, buyer, metric);
        });
        // Outside the transaction: the statistics store may be remote.
        List<Long> values = values(applicationId, subject.metric().id(), parsed);
        return new Usage(subject.application(), subject.plan(), subject.buyer(), subject.metric(),
                parsed.metricName(), parsed, values);
    }

    private static Optional<Metric> metric(Handle h, long productId, String name) {
        MetricDao metrics = h.attach(MetricDao.class);
        Optional<Metric> own = metrics.findBySystemName(Owner.product(productId), name);
        if (own.isPresent()) {
            return own;
        }
        int dot = name.lastIndexOf('.');
        String suffix = dot < 0 ? "" : name.substring(dot + 1);
        if (dot <= 0 || suffix.isEmpty() || suffix.length() > 18 || !suffix.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        long backendId = Long.parseLong(suffix);
        boolean used = h.attach(BackendUsageDao.class).listByProduct(productId).stream()
                .map(BackendUsage::backendApiId).anyMatch(id -> id == backendId);
        return used ? metrics.findBySystemName(Owner.backend(backendId), name.substring(0, dot)) : Optional.empty();
    }

    private List<Long> values(long applicationId, long metricId, StatsQuery query) {
        return switch (query.granularity()) {
            case HOUR -> stats.series(applicationId, metricId, Period.HOUR, query.since(), query.until());
            case DAY -> stats.series(applicationId, metricId, Period.DAY, query.since(), query.until());
            case MONTH -> byMonth(stats.series(applicationId, metricId, Period.DAY, query.since(), query.until()),
                    query);
        };
    }

    /** Sums daily values (the first is the day of {@code since}) into calendar months. */
    private static List<Long> byMonth(List<Long> days, StatsQuery query) {
        List<Long> months = new ArrayList<>();
        YearMonth first = YearMonth.from(query.since().atZone(ZoneOffset.UTC));
        var day = query.since().atZone(ZoneOffset.UTC).toLocalDate();
        for (Long value : days) {
            int index = (int) ChronoUnit.MONTHS.between(first, YearMonth.from(day));
            while (months.size() <= index) {
                months.add(0L);
            }
            months.set(index, months.get(index) + value);
            day = day.plusDays(1);
        }
        while (months.size() < query.values()) {
            months.add(0L);
        }
        return months;
    }
}
