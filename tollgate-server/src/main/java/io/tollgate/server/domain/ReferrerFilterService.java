package io.tollgate.server.domain;

import io.tollgate.common.TollgateException;
import io.tollgate.common.ValidationException;
import io.tollgate.server.http.Fields;
import io.tollgate.store.ApplicationDao;
import io.tollgate.store.Database;
import io.tollgate.store.ReferrerFilterDao;
import io.tollgate.store.ReferrerFilterDao.ReferrerFilter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Referrer filters of applications, as in 3scale: at most five per application, each a host name
 * that may use {@code *} wildcards and a port ({@code *.example.com}, {@code example.org:8080}).
 * The meter enforces them when the product has {@code referrer_filters_required}.
 */
public final class ReferrerFilterService {
    /** 3scale's limit per application. */
    public static final int MAX_FILTERS = 5;
    static final String FIELD = "referrer_filter";
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9.\\-*:]{1,255}");

    private final Database database;
    private final Clock clock;

    public ReferrerFilterService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The application's filters in the order they were added. */
    public List<ReferrerFilter> list(long tenantId, long buyerId, long applicationId) {
        return database.read(h -> {
            ApplicationService.application(h, tenantId, buyerId, applicationId);
            return h.attach(ReferrerFilterDao.class).list(applicationId);
        });
    }

    /** One filter of the application; 404 when it has no such filter. */
    public ReferrerFilter find(long tenantId, long buyerId, long applicationId, long filterId) {
        return database.read(h -> {
            ApplicationService.application(h, tenantId, buyerId, applicationId);
            return h.attach(ReferrerFilterDao.class).find(applicationId, filterId)
                    .orElseThrow(TollgateException::notFound);
        });
    }

    /**
     * Adds the value of the {@code referrer_filter} field; 422 on {@code referrer_filter} when it is
     * blank, invalid, already there or a sixth.
     */
    public ReferrerFilter create(long tenantId, long buyerId, long applicationId, Fields fields) {
        String value = fields.string(FIELD).map(String::trim).orElse("");
        if (value.isEmpty()) {
            throw ValidationException.of(FIELD, "can't be blank");
        }
        if (!VALUE.matcher(value).matches()) {
            throw ValidationException.of(FIELD, "is invalid (expected: a host name with optional * wildcards and"
                    + " :port, e.g. *.example.com)");
        }
        return database.write(h -> {
            ApplicationService.application(h, tenantId, buyerId, applicationId);
            ApplicationDao applications = h.attach(ApplicationDao.class);
            // Serialises concurrent additions, so two cannot both pass the limit check.
            applications.lock(applicationId);
            ReferrerFilterDao filters = h.attach(ReferrerFilterDao.class);
            List<ReferrerFilter> existing = filters.list(applicationId);
            if (existing.stream().anyMatch(f -> f.value().equals(value))) {
                throw ValidationException.of(FIELD, "has already been taken");
            }
            if (existing.size() >= MAX_FILTERS) {
                throw ValidationException.of(FIELD, "is over the limit of " + MAX_FILTERS + " referrer filters");
            }
            Instant now = clock.instant();
            long id = filters.insert(applicationId, value, now);
            applications.touch(applicationId, now);
            return filters.find(applicationId, id).orElseThrow();
        });
    }

    /** Deletes a filter; 404 when the application has no such filter. */
    public void delete(long tenantId, long buyerId, long applicationId, long filterId) {
        database.write(h -> {
            ApplicationService.application(h, tenantId, buyerId, applicationId);
            ReferrerFilterDao filters = h.attach(ReferrerFilterDao.class);
            filters.find(applicationId, filterId).orElseThrow(TollgateException::notFound);
            filters.delete(filterId);
            return h.attach(ApplicationDao.class).touch(applicationId, clock.instant());
        });
    }
}
