package io.tollgate.server.domain;

import io.tollgate.common.Errors;
import io.tollgate.common.TollgateException;
import io.tollgate.common.ValidationException;
import io.tollgate.model.BackendUsage;
import io.tollgate.server.http.Fields;
import io.tollgate.store.BackendApiDao;
import io.tollgate.store.BackendUsageDao;
import io.tollgate.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Backend usages: a product uses a backend at a path. A product uses each backend at most once,
 * and each path at most once, because the gateway routes a request by its path prefix to exactly
 * one backend.
 */
public final class BackendUsageService {
    public static final String DEFAULT_PATH = "/";

    private final Database database;
    private final Clock clock;

    public BackendUsageService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public List<BackendUsage> list(long accountId, long productId) {
        return database.read(h -> {
            Ownership.product(h, accountId, productId);
            return h.attach(BackendUsageDao.class).listByProduct(productId);
        });
    }

    public BackendUsage find(long accountId, long productId, long id) {
        return database.read(h -> usage(h, accountId, productId, id));
    }

    /** Takes {@code backend_api_id} (required) and {@code path} (default "/"). */
    public BackendUsage create(long accountId, long productId, Fields fields) {
        return database.write(h -> create(h, accountId, productId, fields));
    }

    /** {@link #create(long, long, Fields)} inside the caller's transaction. */
    BackendUsage create(Handle h, long accountId, long productId, Fields fields) {
        Ownership.product(h, accountId, productId);
        Errors errors = new Errors();
        Long backendId = fields.integer("backend_api_id", errors).orElse(null);
        if (backendId == null && !errors.has("backend_api_id")) {
            errors.add("backend_api_id", "can't be blank");
        }
        // Locking the backend also proves it is this tenant's; the lock keeps it from being
        // deleted until this usage is committed (BackendApiService.delete takes it too).
        if (backendId != null && h.attach(BackendApiDao.class).lock(accountId, backendId).isEmpty()) {
            errors.add("backend_api_id", "must be a backend of this account");
        }
        String path = path(fields.string("path").filter(p -> !p.isEmpty()).orElse(DEFAULT_PATH), errors);
        errors.throwIfAny();
        List<BackendUsage> existing = h.attach(BackendUsageDao.class).listByProduct(productId);
        if (existing.stream().anyMatch(u -> u.backendApiId() == backendId)) {
            throw ValidationException.of("backend_api_id", "has already been taken");
        }
        checkPathFree(existing, path, Optional.empty());
        long id = h.attach(BackendUsageDao.class).insert(accountId, productId, backendId, path, clock.instant());
        return usage(h, accountId, productId, id);
    }

    /** Changes the path; the backend of a usage is fixed (delete and re-create to change it). */
    public BackendUsage update(long accountId, long productId, long id, Fields fields) {
        return database.write(h -> {
            BackendUsage current = usage(h, accountId, productId, id);
            Errors errors = new Errors();
            String path = path(fields.string("path").orElse(current.path()), errors);
            errors.throwIfAny();
            BackendUsageDao usages = h.attach(BackendUsageDao.class);
            checkPathFree(usages.listByProduct(productId), path, Optional.of(id));
            usages.updatePath(id, path, clock.instant());
            return usage(h, accountId, productId, id);
        });
    }

    public void delete(long accountId, long productId, long id) {
        database.write(h -> {
            usage(h, accountId, productId, id);
            return h.attach(BackendUsageDao.class).delete(id);
        });
    }

    private static BackendUsage usage(Handle h, long accountId, long productId, long id) {
        Ownership.product(h, accountId, productId);
        return h.attach(BackendUsageDao.class).find(productId, id).orElseThrow(TollgateException::notFound);
    }

    private static void checkPathFree(List<BackendUsage> usages, String path, Optional<Long> except) {
        boolean taken = usages.stream()
                .anyMatch(u -> u.path().equals(path) && except.map(id -> id != u.id()).orElse(true));
        if (taken) {
            throw ValidationException.of("path", "has already been taken");
        }
    }

    /**
     * Validates and normalises a path: "/v1/" and "/v1" route the same requests, so both are
     * stored as "/v1" and count as the same path for uniqueness.
     */
    static String path(String path, Errors errors) {
        if (path.isBlank()) {
            errors.add("path", "can't be blank");
            return path;
        }
        if (!path.startsWith("/")) {
            errors.add("path", "must start with '/'");
            return path;
        }
        Validation.maxLength("path", path, 255, errors);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean escape = c == '%' && i + 2 < path.length() && isHex(path.charAt(i + 1)) && isHex(path.charAt(i + 2));
            if (!escape && !isPathChar(c)) {
                errors.add("path", "has a character not allowed in a path: '" + c + "'");
                return path;
            }
        }
        String normalised = path.replaceAll("/{2,}", "/");
        return normalised.length() > 1 && normalised.endsWith("/")
                ? normalised.substring(0, normalised.length() - 1) : normalised;
    }

    /** RFC 3986 pchar (unreserved, sub-delims, ":" and "@") and "/". */
    private static boolean isPathChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
