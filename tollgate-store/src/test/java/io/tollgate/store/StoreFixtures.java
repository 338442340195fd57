package io.tollgate.store;

import io.tollgate.model.AccountKind;
import io.tollgate.model.Owner;
import io.tollgate.model.ProxySettings;
import io.tollgate.model.PolicyConfig;
import io.tollgate.model.OidcConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;

/**
 * Rows the contract tests build on. Every test makes its own tenant with a unique subdomain, so
 * tests sharing one database per class never see each other's rows.
 */
final class StoreFixtures {
    static final Instant NOW = Instant.parse("2025-03-01T10:15:30.123Z");
    static final Instant LATER = Instant.parse("2025-03-02T08:00:00.456Z");
    static final String UNICODE = "Ünïcødé Straße – 東京 – Ελληνικά – emoji 😀🚀";

    /** Tables holding rows of a tenant, in the order a cascade reaches them. */
    static final List<String> OWNED_TABLES = List.of("users", "access_tokens", "services", "backend_apis",
            "metrics", "mapping_rules", "backend_usages", "proxies", "features", "active_docs", "custom_policies", "gateway_registration_tokens",
            "gateways", "connected_apps", "gateway_apis");

    static final String MANIFEST = "{\"name\":\"My policy\",\"summary\":\"Does things\",\"version\":\"1.0.0\","
            + "\"configuration\":{\"type\":\"object\"}}";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private StoreFixtures() {
    }

    static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A string of {@code chars} characters mixing ASCII and multi-byte text (about 2 MB for 2 M chars). */
    static String longText(int chars) {
        StringBuilder text = new StringBuilder(chars + UNICODE.length());
        while (text.length() < chars) {
            text.append("All work and no play. ").append(UNICODE).append('\n');
        }
        return text.substring(0, chars);
    }

    static long tenant(Handle h) {
        return h.attach(AccountDao.class).insert(AccountKind.PROVIDER.wire(), null, "Tenant", unique("tenant"),
                "approved", null, null, null, null, null, NOW);
    }

    static long product(Handle h, long accountId, String systemName) {
        return h.attach(ProductDao.class).insert(accountId, "Product " + systemName, systemName, null, "incomplete",
                "1", "hosted", null, null, NOW);
    }

    static long backend(Handle h, long accountId, String systemName) {
        return h.attach(BackendApiDao.class).insert(accountId, "Backend " + systemName, systemName, null,
                "https://upstream.example.com:443", null, NOW);
    }

    static long metric(Handle h, long accountId, Owner owner, Long parentId, String systemName) {
        return h.attach(MetricDao.class).insert(accountId, owner, parentId, systemName, systemName, "hit", null, NOW);
    }

    static long rule(Handle h, long accountId, Owner owner, long metricId, String pattern, int position) {
        return h.attach(MappingRuleDao.class).insert(accountId, owner.serviceId(), owner.backendApiId(), metricId,
                "GET", pattern, 1, position, false, null, NOW);
    }

    static ActiveDocDao.Row activeDoc(Long serviceId, String systemName) {
        return new ActiveDocDao.Row(serviceId, "Docs " + systemName, systemName, null, false, true,
                "{\"openapi\":\"3.0.0\"}");
    }

    static long proxy(Handle h, long accountId, long serviceId) {
        return h.attach(ProxyDao.class).insert(accountId, serviceId, settings("/"), PolicyConfig.defaultChain(),
                OidcConfiguration.DEFAULT, NOW);
    }

    static ProxySettings settings(String apiTestPath) {
        return new ProxySettings("https://api.example.com:443", "https://staging.example.com:443", null,
                ProxySettings.Credentials.DEFAULT, ProxySettings.GatewayResponses.DEFAULT, "secret", "",
                apiTestPath, ProxySettings.OidcIssuer.DEFAULT);
    }

    /**
     * A tenant owning one row in every table: a user with a token, a product with a proxy (placed on
     * a gateway), a feature, hits, a method and a rule, and a backend used by the product with its own
     * hits and rule. Returns the tenant's id.
     */
    static long tenantWithEverything(Handle h) {
        long accountId = tenant(h);
        long userId = h.attach(UserDao.class).insert(accountId, "admin", "admin@example.com", "hash", "admin",
                "active", NOW);
        h.attach(AccessTokenDao.class).insert(userId, accountId, "token", "account_management", "rw",
                unique("hash"), null, NOW);
        long productId = product(h, accountId, "api");
        long backendId = backend(h, accountId, "backend");
        Owner product = Owner.product(productId);
        Owner backend = Owner.backend(backendId);
        long productHits = metric(h, accountId, product, null, "hits");
        long method = metric(h, accountId, product, productHits, "get_pets");
        rule(h, accountId, product, method, "/pets", 1);
        long backendHits = metric(h, accountId, backend, null, "hits");
        rule(h, accountId, backend, backendHits, "/", 1);
        h.attach(BackendUsageDao.class).insert(accountId, productId, backendId, "/", NOW);
        proxy(h, accountId, productId);
        h.attach(FeatureDao.class).insert(accountId, productId, "Feature", "feature", null, "ApplicationPlan",
                true, NOW);
        h.attach(ActiveDocDao.class).insert(accountId, activeDoc(productId, "api_docs"), NOW);
        h.attach(CustomPolicyDao.class).insert(accountId, "my_policy", "1.0.0", MANIFEST, NOW);
        h.attach(GatewayTokenDao.class).insert(accountId, "production", unique("token-hash"), userId, LATER, NOW);
        long gatewayId = h.attach(GatewayDao.class).insert(accountId, "production", "gw-1", true, NOW);
        h.attach(GatewayApiDao.class).insert(accountId, productId, gatewayId, 8081, "http", null, null, NOW);
        h.attach(ConnectedAppDao.class).insert(accountId, "renewer", unique("client"), unique("secret"),
                "read_servers", NOW);
        return accountId;
    }

    /** Rows per owned table whose account_id is {@code accountId}. */
    static Map<String, Integer> ownedRows(Handle h, long accountId) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (String table : OWNED_TABLES) {
            counts.put(table, h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE account_id = :id")
                    .bind("id", accountId).mapTo(Integer.class).one());
        }
        return counts;
    }
}
