package io.tollgate.server;

import io.tollgate.common.Errors;
import io.tollgate.common.Secrets;
import io.tollgate.model.TokenScope;
import io.tollgate.server.domain.TenantService;
import io.tollgate.server.domain.TenantService.AdminUser;
import io.tollgate.store.AccountDao;
import io.tollgate.store.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * First start: creates the master account and the default tenant with its admin user, from the
 * preset values where given and generated ones otherwise. Runs once; later starts find the master
 * account and do nothing.
 */
public final class Bootstrap {

    /**
     * What the operator preset (any of it may be null).
     *
     * @param masterToken TOLLGATE_MASTER_ACCESS_TOKEN
     * @param adminToken  TOLLGATE_ADMIN_ACCESS_TOKEN
     */
    public record Settings(String masterToken, String adminToken, String adminUsername, String adminPassword,
            String adminEmail, String tenantName) {
        public static final String DEFAULT_USERNAME = "admin";
        public static final String DEFAULT_TENANT = "Default";
    }

    /**
     * The outcome of a first start: the ids created and the secrets that were generated (not
     * those preset), keyed by the environment variable that would preset them.
     */
    public record Result(long masterId, long tenantId, Map<String, String> generatedSecrets) {
    }

    private final Database database;
    private final TenantService tenants;

    public Bootstrap(Database database, TenantService tenants) {
        this.database = database;
        this.tenants = tenants;
    }

    /** Returns the result of the first start, or empty when the platform was set up before. */
    public Optional<Result> runIfFirstStart(Settings settings) {
        return database.write(h -> {
            if (h.attach(AccountDao.class).findMaster().isPresent()) {
                return Optional.empty();
            }
            Map<String, String> generated = new LinkedHashMap<>();
            String masterToken = orGenerate(settings.masterToken(), "TOLLGATE_MASTER_ACCESS_TOKEN", generated,
                    Secrets::newToken);
            String adminToken = orGenerate(settings.adminToken(), "TOLLGATE_ADMIN_ACCESS_TOKEN", generated,
                    Secrets::newToken);
            String username = blankToNull(settings.adminUsername()) == null ? Settings.DEFAULT_USERNAME
                    : settings.adminUsername();
            String password = orGenerate(settings.adminPassword(), "TOLLGATE_ADMIN_PASSWORD", generated,
                    () -> Secrets.randomHex(12));
            String email = blankToNull(settings.adminEmail()) == null ? username + "@example.com" : settings.adminEmail();
            AdminUser admin = new AdminUser(username, email, password);
            Errors errors = new Errors();
            TenantService.validateAdmin(admin, true, errors);
            errors.throwIfAny();
            TenantService.Signup master = tenants.createMaster(h, new AdminUser("master", "master@localhost", null),
                    masterToken);
            String tenantName = blankToNull(settings.tenantName()) == null ? Settings.DEFAULT_TENANT
                    : settings.tenantName();
            TenantService.Signup tenant = tenants.createTenant(h, master.account().id(), tenantName,
                    "default", admin, adminToken, List.of(TokenScope.values()));
            // Always generated, and stored only as a digest: this is the one chance to see it.
            generated.put("TOLLGATE_ADMIN_PROVIDER_KEY", tenant.providerKey());
            return Optional.of(new Result(master.account().id(), tenant.account().id(), generated));
        });
    }

    private static String orGenerate(String preset, String name, Map<String, String> generated,
            java.util.function.Supplier<String> generator) {
        if (blankToNull(preset) != null) {
            return preset;
        }
        String value = generator.get();
        generated.put(name, value);
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
