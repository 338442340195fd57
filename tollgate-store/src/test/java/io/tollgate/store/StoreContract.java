package io.tollgate.store;

import static io.tollgate.store.StoreFixtures.LATER;
import static io.tollgate.store.StoreFixtures.NOW;
import static io.tollgate.store.StoreFixtures.UNICODE;
import static io.tollgate.store.StoreFixtures.longText;
import static io.tollgate.store.StoreFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import io.tollgate.model.AccessToken;
import io.tollgate.model.Account;
import io.tollgate.model.AccountKind;
import io.tollgate.model.BackendApi;
import io.tollgate.model.BackendUsage;
import io.tollgate.model.Feature;
import io.tollgate.model.MappingRule;
import io.tollgate.model.Metric;
import io.tollgate.model.OidcConfiguration;
import io.tollgate.model.Owner;
import io.tollgate.model.PolicyConfig;
import io.tollgate.model.Product;
import io.tollgate.model.Proxy;
import io.tollgate.model.TokenPermission;
import io.tollgate.model.TokenScope;
import io.tollgate.model.User;
import io.tollgate.store.testing.TestDatabase;
import io.tollgate.store.testing.TestDatabases;
import io.tollgate.store.testing.TestDatabases.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jdbi.v3.core.HandleCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every system database engine must do the same way: the schema, every DAO, constraints,
 * cascades and transactions, checked against the real engine. One subclass per engine; each gets a
 * fresh database for the class (see {@link TestDatabases}), and every test makes its own tenant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreContract {
    private TestDatabase testDatabase;
    protected Database database;

    /** The engine this subclass runs the contract against. */
    protected abstract Engine engine();

    @BeforeAll
    void openDatabase() {
        testDatabase = TestDatabases.create(engine());
        database = Database.open(testDatabase.config());
    }

    @AfterAll
    void dropDatabase() {
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            if (testDatabase != null) {
                testDatabase.close();
            }
        }
    }

    // ---- schema --------------------------------------------------------------------------------

    @Test
    void migratesAnEmptyDatabaseAndReopensWithoutMigratingAgain() {
        try (TestDatabase fresh = TestDatabases.create(engine())) {
            assertThat(migrationInfo(fresh).applied()).isEmpty();

            try (Database first = Database.open(fresh.config())) {
                assertThat(first.dialect()).isEqualTo(Dialect.fromJdbcUrl(fresh.config().url()));
                assertThat(ownedRows(first, 1)).containsOnlyKeys(StoreFixtures.OWNED_TABLES)
                        .allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
            }
            MigrationInfo[] afterFirst = migrationInfo(fresh).applied();
            assertThat(afterFirst).extracting(m -> m.getVersion().getVersion()).containsExactly("1");
            assertThat(afterFirst[0].getState().isFailed()).isFalse();

            try (Database second = Database.open(fresh.config())) {
                long accountId = second.write(StoreFixtures::tenant);
                assertThat(find(second, h -> h.attach(AccountDao.class).find(accountId))).isPresent();
            }
            MigrationInfo[] afterSecond = migrationInfo(fresh).applied();
            assertThat(afterSecond).hasSize(1);
            assertThat(afterSecond[0].getInstalledOn()).isEqualTo(afterFirst[0].getInstalledOn());
            assertThat(afterSecond[0].getChecksum()).isEqualTo(afterFirst[0].getChecksum());
        }
    }

    private static org.flywaydb.core.api.MigrationInfoService migrationInfo(TestDatabase db) {
        return Flyway.configure()
                .dataSource(db.config().url(), db.config().user(), db.config().password())
                .locations("classpath:db/migration")
                .placeholders(db.config().dialect().placeholders())
                .load()
                .info();
    }

    @Test
    void storesTimestampsAsEpochMilliseconds() {
        long accountId = database.write(StoreFixtures::tenant);
        long raw = database.read(h -> h.createQuery("SELECT created_at FROM accounts WHERE id = :id")
                .bind("id", accountId).mapTo(Long.class).one());
        assertThat(raw).isEqualTo(NOW.toEpochMilli());
    }

    // ---- DAO round trips -----------------------------------------------------------------------

    @Test
    void roundTripsAccountsIncludingNullsAndUnicode() {
        String subdomain = unique("acme");
        Account.Contact contact = new Account.Contact("support@example.com", null, "from@example.com", UNICODE);
        long masterId = database.write(h -> h.attach(AccountDao.class).insert(AccountKind.MASTER.wire(), null,
                "Master", null, "approved", null, null, null, null, null, NOW));
        long tenantId = database.write(h -> h.attach(AccountDao.class).insert(AccountKind.PROVIDER.wire(), masterId,
                UNICODE, subdomain, "approved", contact.supportEmail(), null, contact.fromEmail(),
                contact.siteAccessCode(), "key-hash-" + subdomain, NOW));

        Account expected = new Account(tenantId, AccountKind.PROVIDER, masterId, UNICODE, subdomain, "approved",
                contact, NOW, NOW);
        AccountDao reader = database.jdbi().onDemand(AccountDao.class);
        assertThat(reader.find(tenantId)).contains(expected);
        assertThat(reader.findBySubdomain(subdomain)).contains(expected);
        assertThat(reader.findByProviderKeyHash("key-hash-" + subdomain)).contains(expected);
        assertThat(reader.findMaster()).get().satisfies(master -> {
            assertThat(master.id()).isEqualTo(masterId);
            assertThat(master.providerAccountId()).isNull();
            assertThat(master.subdomain()).isNull();
            assertThat(master.contact()).isEqualTo(Account.Contact.EMPTY);
        });
        assertThat(reader.listOwned(masterId, "provider", 10, 0)).containsExactly(expected);
        assertThat(reader.listOwned(masterId, "buyer", 10, 0)).isEmpty();

        Account.Contact changed = new Account.Contact(null, "finance@example.com", null, null);
        assertThat(changes(h -> h.attach(AccountDao.class).update(tenantId, "Renamed", "suspended",
                null, changed.financeSupportEmail(), null, null, LATER))).isEqualTo(1);
        assertThat(changes(h -> h.attach(AccountDao.class).setProviderKeyHash(tenantId, "rotated", LATER)))
                .isEqualTo(1);
        assertThat(reader.find(tenantId)).contains(new Account(tenantId, AccountKind.PROVIDER, masterId, "Renamed",
                subdomain, "suspended", changed, NOW, LATER));
        assertThat(reader.findByProviderKeyHash("rotated")).map(Account::id).contains(tenantId);
        assertThat(reader.findByProviderKeyHash("key-hash-" + subdomain)).isEmpty();

        // Deleting the master cascades to its tenants (accounts.provider_account_id).
        assertThat(changes(h -> h.attach(AccountDao.class).delete(masterId))).isEqualTo(1);
        assertThat(reader.find(masterId)).isEmpty();
        assertThat(reader.find(tenantId)).isEmpty();
    }

    @Test
    void roundTripsUsersAndAccessTokens() {
        long accountId = database.write(StoreFixtures::tenant);
        UserDao users = database.jdbi().onDemand(UserDao.class);
        AccessTokenDao tokens = database.jdbi().onDemand(AccessTokenDao.class);
        long memberId = database.write(h -> h.attach(UserDao.class).insert(accountId, "zoë", "zoë@example.com",
                null, "member", "pending", NOW));
        long adminId = database.write(h -> h.attach(UserDao.class).insert(accountId, "admin", "admin@example.com",
                "$2a$10$hash", "admin", "active", LATER));

        assertThat(users.find(memberId)).contains(new User(memberId, accountId, "zoë", "zoë@example.com",
                "member", "pending", NOW, NOW));
        assertThat(users.listByAccount(accountId)).extracting(User::id).containsExactly(memberId, adminId);
        assertThat(users.firstAdmin(accountId)).map(User::id).contains(adminId);
        assertThat(users.passwordHash(adminId)).contains("$2a$10$hash");
        assertThat(users.passwordHash(memberId)).isEmpty();

        List<TokenScope> scopes = List.of(TokenScope.ACCOUNT_MANAGEMENT, TokenScope.STATS);
        long expiring = database.write(h -> h.attach(AccessTokenDao.class).insert(adminId, accountId, UNICODE,
                AccessTokenDao.scopesColumn(scopes), "ro", "hash-1-" + accountId, LATER, NOW));
        List<Long> ids = new ArrayList<>(List.of(expiring));
        for (int i = 2; i <= 4; i++) {
            String hash = "hash-" + i + "-" + accountId;
            ids.add(database.write(h -> h.attach(AccessTokenDao.class).insert(adminId, accountId, "t", "", "rw",
                    hash, null, NOW)));
        }
        AccessToken expected = new AccessToken(expiring, adminId, accountId, UNICODE, scopes, TokenPermission.RO,
                LATER, NOW);
        assertThat(tokens.findByValueHash("hash-1-" + accountId)).contains(expected);
        assertThat(tokens.findOfUser(adminId, expiring)).contains(expected);
        assertThat(tokens.findOfUser(memberId, expiring)).isEmpty();
        assertThat(tokens.findOfUser(adminId, ids.get(1))).get().satisfies(t -> {
            assertThat(t.expiresAt()).isNull();
            assertThat(t.scopes()).isEmpty();
            assertThat(t.permission()).isEqualTo(TokenPermission.RW);
        });
        assertThat(tokens.listOfUser(adminId, 3, 0)).extracting(AccessToken::id).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(tokens.listOfUser(adminId, 3, 3)).extracting(AccessToken::id).containsExactly(ids.get(3));

        assertThat(changes(h -> h.attach(AccessTokenDao.class).delete(expiring))).isEqualTo(1);
        assertThat(tokens.findByValueHash("hash-1-" + accountId)).isEmpty();
    }

    @Test
    void roundTripsProductsWithAnnotationsAndTwoMegabyteDescription() {
        long accountId = database.write(StoreFixtures::tenant);
        String description = longText(2 * 1024 * 1024);
        Map<String, String> annotations = Map.of("managed_by", "operator", "note", UNICODE);
        long id = database.write(h -> h.attach(ProductDao.class).insert(accountId, UNICODE, "pets", description,
                "incomplete", "2", "hosted", "support@example.com", Mappers.annotationsJson(annotations), NOW));
        ProductDao products = database.jdbi().onDemand(ProductDao.class);

        Product expected = new Product(id, accountId, UNICODE, "pets", description, "incomplete", "2", "hosted",
                "support@example.com", annotations, NOW, NOW);
        assertThat(products.find(accountId, id)).contains(expected);
        assertThat(products.findBySystemName(accountId, "pets")).contains(expected);
        assertThat(products.find(accountId + 1_000_000, id)).as("scoped by tenant").isEmpty();

        assertThat(changes(h -> h.attach(ProductDao.class).update(accountId, id, "Pets", null, "published",
                "oidc", "self_managed", null, Mappers.annotationsJson(Map.of()), LATER))).isEqualTo(1);
        assertThat(products.find(accountId, id)).contains(new Product(id, accountId, "Pets", "pets", null,
                "published", "oidc", "self_managed", null, Map.of(), NOW, LATER));

        assertThat(changes(h -> h.attach(ProductDao.class).delete(accountId, id))).isEqualTo(1);
        assertThat(products.find(accountId, id)).isEmpty();
        assertThat(products.list(accountId, 10, 0)).isEmpty();
    }

    @Test
    void roundTripsBackendApis() {
        long accountId = database.write(StoreFixtures::tenant);
        Map<String, String> annotations = Map.of("owner", UNICODE);
        long id = database.write(h -> h.attach(BackendApiDao.class).insert(accountId, "Backend", "backend", UNICODE,
                "http://upstream:8080/v1", Mappers.annotationsJson(annotations), NOW));
        BackendApiDao backends = database.jdbi().onDemand(BackendApiDao.class);

        BackendApi expected = new BackendApi(id, accountId, "Backend", "backend", UNICODE, "http://upstream:8080/v1",
                annotations, NOW, NOW);
        assertThat(backends.find(accountId, id)).contains(expected);
        assertThat(backends.findBySystemName(accountId, "backend")).contains(expected);
        assertThat(backends.list(accountId, 10, 0)).containsExactly(expected);

        assertThat(changes(h -> h.attach(BackendApiDao.class).update(accountId, id, "Renamed", null,
                "https://other:443", null, LATER))).isEqualTo(1);
        assertThat(backends.find(accountId, id)).contains(new BackendApi(id, accountId, "Renamed", "backend", null,
                "https://other:443", Map.of(), NOW, LATER));

        assertThat(changes(h -> h.attach(BackendApiDao.class).delete(accountId, id))).isEqualTo(1);
        assertThat(backends.find(accountId, id)).isEmpty();
    }

    @Test
    void roundTripsMetricsAndMethodsKeepingOwnersApart() {
        long accountId = database.write(StoreFixtures::tenant);
        long productId = database.write(h -> StoreFixtures.product(h, accountId, "api"));
        long backendId = database.write(h -> StoreFixtures.backend(h, accountId, "backend"));
        Owner product = Owner.product(productId);
        Owner backend = Owner.backend(backendId);
        MetricDao metrics = database.jdbi().onDemand(MetricDao.class);

        long hits = database.write(h -> h.attach(MetricDao.class).insert(accountId, product, null, "hits", "Hits",
                "hit", UNICODE, NOW));
        long method = database.write(h -> h.attach(MetricDao.class).insert(accountId, product, hits, "get_pets",
                "GET /pets", "hit", null, NOW));
        long backendHits = database.write(h -> StoreFixtures.metric(h, accountId, backend, null, "hits"));

        Metric expectedHits = new Metric(hits, accountId, product, null, "hits", "Hits", "hit", UNICODE, NOW, NOW);
        Metric expectedMethod = new Metric(method, accountId, product, hits, "get_pets", "GET /pets", "hit", null,
                NOW, NOW);
        assertThat(metrics.find(product, hits)).contains(expectedHits);
        assertThat(metrics.findBySystemName(product, "hits")).contains(expectedHits);
        assertThat(metrics.findBySystemName(backend, "hits")).map(Metric::id).contains(backendHits);
        assertThat(metrics.find(backend, hits)).as("a product's metric is not the backend's").isEmpty();
        assertThat(metrics.list(product, new Page(1, 10))).containsExactly(expectedHits, expectedMethod);
        assertThat(metrics.list(backend, Page.ALL)).extracting(Metric::owner).containsExactly(backend);
        assertThat(metrics.children(hits, 10, 0)).containsExactly(expectedMethod);

        assertThat(changes(h -> h.attach(MetricDao.class).update(method, "Renamed", "call", UNICODE, LATER)))
                .isEqualTo(1);
        assertThat(metrics.find(product, method)).contains(new Metric(method, accountId, product, hits, "get_pets",
                "Renamed", "call", UNICODE, NOW, LATER));

        assertThat(changes(h -> h.attach(MetricDao.class).delete(method))).isEqualTo(1);
        assertThat(metrics.children(hits, 10, 0)).isEmpty();
    }

    @Test
    void roundTripsMappingRulesWithBooleansAndNulls() {
        long accountId = database.write(StoreFixtures::tenant);
        long productId = database.write(h -> StoreFixtures.product(h, accountId, "api"));
        Owner owner = Owner.product(productId);
        long hits = database.write(h -> StoreFixtures.metric(h, accountId, owner, null, "hits"));
        long other = database.write(h -> StoreFixtures.metric(h, accountId, owner, hits, "other"));
        MappingRuleDao rules = database.jdbi().onDemand(MappingRuleDao.class);

        long last = database.write(h -> h.attach(MappingRuleDao.class).insert(accountId, productId, null, hits,
                "POST", "/pets/{id}$", 5, 1, true, "https://example.com/ü", NOW));
        long notLast = database.write(h -> h.attach(MappingRuleDao.class).insert(accountId, productId, null, hits,
                "GET", "/", 1, 2, false, null, NOW));

        MappingRule expected = new MappingRule(last, accountId, owner, hits, "POST", "/pets/{id}$", 5, 1, true,
                "https://example.com/ü", NOW, NOW);
        assertThat(rules.find(owner, last)).contains(expected);
        assertThat(rules.find(Owner.backend(productId), last)).isEmpty();
        assertThat(rules.find(owner, notLast)).get().satisfies(r -> {
            assertThat(r.last()).isFalse();
            assertThat(r.redirectUrl()).isNull();
        });
        assertThat(rules.count(owner)).isEqualTo(2);
        assertThat(rules.list(owner, Page.ALL)).extracting(MappingRule::id).containsExactly(last, notLast);

        assertThat(changes(h -> h.attach(MappingRuleDao.class).update(last, other, "PUT", "/x", 3, 7, false,
                null, LATER))).isEqualTo(1);
        assertThat(rules.find(owner, last)).contains(new MappingRule(last, accountId, owner, other, "PUT", "/x", 3,
                7, false, null, NOW, LATER));
        assertThat(rules.list(owner, Page.ALL)).extracting(MappingRule::id).containsExactly(notLast, last);

        assertThat(changes(h -> h.attach(MappingRuleDao.class).delete(last))).isEqualTo(1);
        assertThat(rules.count(owner)).isEqualTo(1);
    }

    @Test
    void roundTripsBackendUsages() {
        long accountId = database.write(StoreFixtures::tenant);
        long productId = database.write(h -> StoreFixtures.product(h, accountId, "api"));
        long backendId = database.write(h -> StoreFixtures.backend(h, accountId, "backend"));
        BackendUsageDao usages = database.jdbi().onDemand(BackendUsageDao.class);

        long id = database.write(h -> h.attach(BackendUsageDao.class).insert(accountId, productId, backendId,
                "/v1/ünï", NOW));
        BackendUsage expected = new BackendUsage(id, accountId, productId, backendId, "/v1/ünï", NOW, NOW);
        assertThat(usages.find(productId, id)).contains(expected);
        assertThat(usages.listByProduct(productId)).containsExactly(expected);
        assertThat(usages.listByBackend(backendId)).containsExactly(expected);

        assertThat(changes(h -> h.attach(BackendUsageDao.class).updatePath(id, "/", LATER))).isEqualTo(1);
        assertThat(usages.find(productId, id))
                .contains(new BackendUsage(id, accountId, productId, backendId, "/", NOW, LATER));

        assertThat(changes(h -> h.attach(BackendUsageDao.class).delete(id))).isEqualTo(1);
        assertThat(usages.listByProduct(productId)).isEmpty();
    }

    @Test
    void roundTripsProxiesWithTwoMegabyteSettingsAndCountsLockVersion() {
        long accountId = database.write(StoreFixtures::tenant);
        long productId = database.write(h -> StoreFixtures.product(h, accountId, "api"));
        var settings = StoreFixtures.settings(longText(2 * 1024 * 1024));
        var policies = List.of(new PolicyConfig("headers", "builtin",
                io.tollgate.model.Json.MAPPER.createObjectNode().put("note", UNICODE), false));
        var oidc = new OidcConfiguration(false, true, true, false);
        long id = database.write(h -> h.attach(ProxyDao.class).insert(accountId, productId, settings, policies,
                oidc, NOW));
        ProxyDao proxies = database.jdbi().onDemand(ProxyDao.class);

        assertThat(proxies.findByProduct(productId))
                .contains(new Proxy(id, accountId, productId, settings, policies, oidc, 1, NOW, NOW));

        var newSettings = StoreFixtures.settings("/health");
        assertThat(changes(h -> h.attach(ProxyDao.class).update(productId, newSettings,
                PolicyConfig.defaultChain(), OidcConfiguration.DEFAULT, LATER))).isEqualTo(1);
        assertThat(changes(h -> h.attach(ProxyDao.class).update(productId, newSettings,
                PolicyConfig.defaultChain(), OidcConfiguration.DEFAULT, LATER))).isEqualTo(1);
        assertThat(proxies.findByProduct(productId)).contains(new Proxy(id, accountId, productId, newSettings,
                PolicyConfig.defaultChain(), OidcConfiguration.DEFAULT, 3, NOW, LATER));
    }

    @Test
    void roundTripsFeatures() {
        long accountId = database.write(StoreFixtures::tenant);
        long productId = database.write(h -> StoreFixtures.product(h, accountId, "api"));
        FeatureDao features = database.jdbi().onDemand(FeatureDao.class);

        long visible = database.write(h -> h.attach(FeatureDao.class).insert(accountId, productId, UNICODE, "sla",
                UNICODE, "ApplicationPlan", true, NOW));
        long hidden = database.write(h -> h.attach(FeatureDao.class).insert(accountId, productId, "Hidden",
                "hidden", null, "ServicePlan", false, NOW));

        Feature expected = new Feature(visible, accountId, productId, UNICODE, "sla", UNICODE, "ApplicationPlan",
                true, NOW, NOW);
        assertThat(features.find(productId, visible)).contains(expected);
        assertThat(features.findBySystemName(productId, "sla")).contains(expected);
        assertThat(features.find(productId, hidden)).get().satisfies(f -> {
            assertThat(f.visible()).isFalse();
            assertThat(f.description()).isNull();
        });
        assertThat(features.listByProduct(productId)).extracting(Feature::id).containsExactly(visible, hidden);

        assertThat(changes(h -> h.attach(FeatureDao.class).update(hidden, "Shown", "now shown",
                "ApplicationPlan", true, LATER))).isEqualTo(1);
        assertThat(features.find(productId, hidden)).contains(new Feature(hidden, accountId, productId, "Shown",
                "hidden", "now shown", "ApplicationPlan", true, NOW, LATER));

        assertThat(changes(h -> h.attach(FeatureDao.class).delete(visible))).isEqualTo(1);
        assertThat(features.listByProduct(productId)).extracting(Feature::id).containsExactly(hidden);
    }

    @Test
    void generatesIncreasingIdsAndPagesInIdOrder() {
        long accountId = database.write(StoreFixtures::tenant);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String systemName = "product_" + (7 - i); // names sort opposite to ids
            ids.add(database.write(h -> StoreFixtures.product(h, accountId, systemName)));
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isPositive());

        ProductDao products = database.jdbi().onDemand(ProductDao.class);
        List<Long> seen = new ArrayList<>();
        for (int number = 1; number <= 4; number++) {
            Page page = new Page(number, 3);
            List<Long> pageIds = products.list(accountId, page.limit(), page.offset()).stream().map(Product::id).toList();
            assertThat(pageIds).as("page %d", number).hasSize(number < 3 ? 3 : number == 3 ? 1 : 0);
            seen.addAll(pageIds);
        }
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(products.list(accountId, Page.ALL.limit(), Page.ALL.offset())).extracting(Product::id)
                .containsExactlyElementsOf(ids);
    }

    // ---- constraints ---------------------------------------------------------------------------

    @Test
    void namesTheViolatedUniqueIndexOnEveryTable() {
        long accountId = database.write(StoreFixtures::tenant);
        // Values that look like index names must not be mistaken for the index.
        long productId = database.write(h -> StoreFixtures.product(h, accountId, "ux_products_trap"));
        long backendId = database.write(h -> StoreFixtures.backend(h, accountId, "ux_backends_trap"));
        long otherBackendId = database.write(h -> StoreFixtures.backend(h, accountId, "other"));
        long userId = database.write(h -> h.attach(UserDao.class).insert(accountId, "ux_user", "ux_a@example.com",
                null, "admin", "active", NOW));
        database.write(h -> StoreFixtures.metric(h, accountId, Owner.product(productId), null, "ux_metric"));
        database.write(h -> StoreFixtures.metric(h, accountId, Owner.backend(backendId), null, "ux_metric"));
        database.write(h -> h.attach(BackendUsageDao.class).insert(accountId, productId, backendId, "/ux_v1", NOW));
        database.write(h -> h.attach(FeatureDao.class).insert(accountId, productId, "F", "ux_f", null, "ServicePlan",
                true, NOW));
        database.write(h -> h.attach(AccessTokenDao.class).insert(userId, accountId, "t", "", "rw",
                "ux_token_" + accountId, null, NOW));
        String subdomain = database.read(h -> h.attach(AccountDao.class).find(accountId)).orElseThrow().subdomain();

        assertViolates("ux_accounts_subdomain", h -> h.attach(AccountDao.class).insert("provider", null, "Dup",
                subdomain, "approved", null, null, null, null, null, NOW));
        assertViolates("ux_users_username", h -> h.attach(UserDao.class).insert(accountId, "ux_user",
                "other@example.com", null, "member", "active", NOW));
        assertViolates("ux_users_email", h -> h.attach(UserDao.class).insert(accountId, "other", "ux_a@example.com",
                null, "member", "active", NOW));
        assertViolates("ux_access_tokens_value", h -> h.attach(AccessTokenDao.class).insert(userId, accountId, "t",
                "", "rw", "ux_token_" + accountId, null, NOW));
        assertViolates("ux_services_system_name", h -> StoreFixtures.product(h, accountId, "ux_products_trap"));
        assertViolates("ux_backend_apis_system_name", h -> StoreFixtures.backend(h, accountId, "ux_backends_trap"));
        assertViolates("ux_metrics_service_name",
                h -> StoreFixtures.metric(h, accountId, Owner.product(productId), null, "ux_metric"));
        assertViolates("ux_metrics_backend_name",
                h -> StoreFixtures.metric(h, accountId, Owner.backend(backendId), null, "ux_metric"));
        assertViolates("ux_backend_usages_backend", h -> h.attach(BackendUsageDao.class).insert(accountId, productId,
                backendId, "/other", NOW));
        assertViolates("ux_backend_usages_path", h -> h.attach(BackendUsageDao.class).insert(accountId, productId,
                otherBackendId, "/ux_v1", NOW));
        assertViolates("ux_proxies_service", h -> {
            StoreFixtures.proxy(h, accountId, productId);
            return StoreFixtures.proxy(h, accountId, productId);
        });
        assertViolates("ux_features_system_name", h -> h.attach(FeatureDao.class).insert(accountId, productId, "G",
                "ux_f", null, "ServicePlan", false, NOW));
        // The failed writes rolled back: the proxy inserted before the duplicate is gone too.
        assertThat(find(database, h -> h.attach(ProxyDao.class).findByProduct(productId))).isEmpty();
    }

    private void assertViolates(String index, HandleCallback<Long, RuntimeException> write) {
        Throwable failure = catchThrowable(() -> database.write(write));
        assertThat(failure).as(index).isNotNull();
        assertThat(Database.violatedUniqueIndex(failure)).as("index named in: %s", failure.getMessage()).contains(index);
    }

    @Test
    void uniqueSystemNamesAreCaseAndAccentSensitiveOnEveryEngine() {
        long accountId = database.write(StoreFixtures::tenant);
        long lower = database.write(h -> StoreFixtures.product(h, accountId, "pets"));
        long upper = database.write(h -> StoreFixtures.product(h, accountId, "Pets"));

        ProductDao products = database.jdbi().onDemand(ProductDao.class);
        assertThat(products.findBySystemName(accountId, "pets")).map(Product::id).contains(lower);
        assertThat(products.findBySystemName(accountId, "Pets")).map(Product::id).contains(upper);
        assertThat(products.findBySystemName(accountId, "PETS")).isEmpty();

        // Nor accent-insensitive: "é" is not "e".
        long plain = database.write(h -> h.attach(FeatureDao.class).insert(accountId, lower, "Cafe", "cafe", null,
                "ServicePlan", true, NOW));
        long accented = database.write(h -> h.attach(FeatureDao.class).insert(accountId, lower, "Café", "café", null,
                "ServicePlan", true, NOW));
        assertThat(find(database, h -> h.attach(FeatureDao.class).findBySystemName(lower, "café")))
                .map(Feature::id).contains(accented).isNotEqualTo(Optional.of(plain));
    }

    @Test
    void doesNotReportOtherIntegrityViolationsAsUniqueIndexes() {
        long accountId = database.write(StoreFixtures::tenant);
        Throwable foreignKey = catchThrowable(() -> database.write(h -> StoreFixtures.product(h, -1, "orphan")));
        Throwable check = catchThrowable(() -> database.write(h -> h.attach(MetricDao.class).insert(accountId,
                (Long) null, null, null, "hits", "Hits", "hit", null, NOW)));

        assertThat(foreignKey).isNotNull();
        assertThat(check).isNotNull();
        assertThat(Database.violatedUniqueIndex(foreignKey)).as(foreignKey.getMessage()).isEmpty();
        assertThat(Database.violatedUniqueIndex(check)).as(check.getMessage()).isEmpty();
    }

    @Test
    void rejectsMetricsAndMappingRulesWithBothOrNeitherOwner() {
        long accountId = database.write(StoreFixtures::tenant);
        long productId = database.write(h -> StoreFixtures.product(h, accountId, "api"));
        long backendId = database.write(h -> StoreFixtures.backend(h, accountId, "backend"));
        long hits = database.write(h -> StoreFixtures.metric(h, accountId, Owner.product(productId), null, "hits"));

        assertThatThrownBy(() -> database.write(h -> h.attach(MetricDao.class).insert(accountId, productId,
                backendId, null, "both", "Both", "hit", null, NOW))).hasMessageFindingMatch("(?i)ck_metrics_owner");
        assertThatThrownBy(() -> database.write(h -> h.attach(MetricDao.class).insert(accountId, (Long) null,
                null, null, "neither", "Neither", "hit", null, NOW))).hasMessageFindingMatch("(?i)ck_metrics_owner");
        assertThatThrownBy(() -> database.write(h -> h.attach(MappingRuleDao.class).insert(accountId, productId,
                backendId, hits, "GET", "/", 1, 1, false, null, NOW))).hasMessageFindingMatch("(?i)ck_mapping_rules_owner");
        assertThatThrownBy(() -> database.write(h -> h.attach(MappingRuleDao.class).insert(accountId, null,
                null, hits, "GET", "/", 1, 1, false, null, NOW))).hasMessageFindingMatch("(?i)ck_mapping_rules_owner");

        assertThat(ownedRows(database, accountId))
                .containsEntry("metrics", 1).containsEntry("mapping_rules", 0);
    }

    // ---- cascades ------------------------------------------------------------------------------

    @Test
    void cascadesAccountDeletionToEveryOwnedRow() {
        long doomed = database.write(StoreFixtures::tenantWithEverything);
        long survivor = database.write(StoreFixtures::tenantWithEverything);
        Map<String, Integer> before = ownedRows(database, survivor);
        assertThat(ownedRows(database, doomed))
                .isEqualTo(before).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());

        assertThat(changes(h -> h.attach(AccountDao.class).delete(doomed))).isEqualTo(1);

        assertThat(ownedRows(database, doomed))
                .allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
        assertThat(ownedRows(database, survivor)).isEqualTo(before);
    }

    @Test
    void cascadesMetricDeletionToMethodsAndMappingRules() {
        long accountId = database.write(StoreFixtures::tenant);
        long productId = database.write(h -> StoreFixtures.product(h, accountId, "api"));
        Owner owner = Owner.product(productId);
        long hits = database.write(h -> StoreFixtures.metric(h, accountId, owner, null, "hits"));
        long method = database.write(h -> StoreFixtures.metric(h, accountId, owner, hits, "get"));
        long kept = database.write(h -> StoreFixtures.metric(h, accountId, owner, null, "kept"));
        database.write(h -> StoreFixtures.rule(h, accountId, owner, hits, "/a", 1));
        database.write(h -> StoreFixtures.rule(h, accountId, owner, method, "/b", 2));
        long keptRule = database.write(h -> StoreFixtures.rule(h, accountId, owner, kept, "/c", 3));

        assertThat(changes(h -> h.attach(MetricDao.class).delete(hits))).isEqualTo(1);

        assertThat(list(database, h -> h.attach(MetricDao.class).list(owner, Page.ALL)))
                .extracting(Metric::id).containsExactly(kept);
        assertThat(list(database, h -> h.attach(MappingRuleDao.class).list(owner, Page.ALL)))
                .extracting(MappingRule::id).containsExactly(keptRule);
    }

    // ---- transactions --------------------------------------------------------------------------

    @Test
    void rollsBackEveryInsertWhenTheWriteCallbackThrows() {
        String subdomain = unique("rollback");
        List<Long> inserted = new ArrayList<>();
        assertThatThrownBy(() -> database.write(h -> {
            long accountId = h.attach(AccountDao.class).insert("provider", null, "Half", subdomain, "approved",
                    null, null, null, null, null, NOW);
            inserted.add(accountId);
            inserted.add(StoreFixtures.product(h, accountId, "api"));
            inserted.add(StoreFixtures.metric(h, accountId, Owner.product(inserted.get(1)), null, "hits"));
            throw new IllegalStateException("boom after three inserts");
        })).hasMessage("boom after three inserts");

        assertThat(inserted).hasSize(3);
        assertThat(find(database, h -> h.attach(AccountDao.class).findBySubdomain(subdomain))).isEmpty();
        assertThat(ownedRows(database, inserted.get(0)))
                .allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
    }

    @Test
    void readTransactionsRejectWrites() {
        long accountId = database.write(StoreFixtures::tenant);

        Throwable failure = catchThrowable(() -> database.read(h -> StoreFixtures.product(h, accountId, "sneaky")));

        assertThat(failure).as("a write inside Database.read").isNotNull();
        assertThat(sqlStates(failure)).as(failure.toString()).contains("25006"); // read_only_sql_transaction
        assertThat(find(database, h -> h.attach(ProductDao.class).findBySystemName(accountId, "sneaky"))).isEmpty();
        // The pooled connection is writable again afterwards.
        long fine = database.write(h -> StoreFixtures.product(h, accountId, "fine"));
        assertThat(fine).isPositive();
    }

    // ---- mapping rule positions ----------------------------------------------------------------

    @Test
    void shiftsAndCompactsMappingRulePositionsPerOwner() {
        long accountId = database.write(StoreFixtures::tenant);
        long productId = database.write(h -> StoreFixtures.product(h, accountId, "api"));
        long backendId = database.write(h -> StoreFixtures.backend(h, accountId, "backend"));
        Owner product = Owner.product(productId);
        Owner backend = Owner.backend(backendId);
        long hits = database.write(h -> StoreFixtures.metric(h, accountId, product, null, "hits"));
        long backendHits = database.write(h -> StoreFixtures.metric(h, accountId, backend, null, "hits"));
        List<Long> rules = new ArrayList<>();
        for (int position = 1; position <= 5; position++) {
            int p = position;
            rules.add(database.write(h -> StoreFixtures.rule(h, accountId, product, hits, "/r" + p, p)));
        }
        long backendRule = database.write(h -> StoreFixtures.rule(h, accountId, backend, backendHits, "/", 2));
        MappingRuleDao dao = database.jdbi().onDemand(MappingRuleDao.class);

        // Open a gap at 2 and insert there, as "insert at position 2" does.
        assertThat(changes(h -> h.attach(MappingRuleDao.class).shift(product, 2, 5, 1))).isEqualTo(4);
        long inserted = database.write(h -> StoreFixtures.rule(h, accountId, product, hits, "/new", 2));
        assertThat(dao.list(product, Page.ALL)).extracting(MappingRule::id, MappingRule::position).containsExactly(
                tuple(rules.get(0), 1), tuple(inserted, 2),
                tuple(rules.get(1), 3), tuple(rules.get(2), 4),
                tuple(rules.get(3), 5), tuple(rules.get(4), 6));
        assertThat(dao.find(backend, backendRule)).map(MappingRule::position).as("other owner untouched").contains(2);

        // Delete two, then compact back to 1..n in the same order.
        database.write(h -> h.attach(MappingRuleDao.class).delete(rules.get(0)));
        database.write(h -> h.attach(MappingRuleDao.class).delete(rules.get(2)));
        database.write(h -> {
            h.attach(MappingRuleDao.class).compact(product);
            return null;
        });
        assertThat(dao.list(product, Page.ALL)).extracting(MappingRule::id, MappingRule::position).containsExactly(
                tuple(inserted, 1), tuple(rules.get(1), 2),
                tuple(rules.get(3), 3), tuple(rules.get(4), 4));
        assertThat(changes(h -> h.attach(MappingRuleDao.class).shift(product, 2, 3, -1))).isEqualTo(2);
        assertThat(dao.list(product, Page.ALL)).extracting(MappingRule::position).containsExactly(1, 1, 2, 4);
        assertThat(dao.find(backend, backendRule)).map(MappingRule::position).contains(2);
    }

    // ---- concurrency ---------------------------------------------------------------------------

    @Test
    void concurrentInsertsOfTheSameSystemNameLetExactlyOneWin() throws Exception {
        long accountId = database.write(StoreFixtures::tenant);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String systemName = "race_" + round;
                CountDownLatch start = new CountDownLatch(1);
                Callable<Long> insert = () -> {
                    start.await();
                    return database.write(h -> StoreFixtures.product(h, accountId, systemName));
                };
                List<Future<Long>> futures = List.of(pool.submit(insert), pool.submit(insert));
                start.countDown();

                List<Long> winners = new ArrayList<>();
                List<Throwable> losers = new ArrayList<>();
                for (Future<Long> future : futures) {
                    try {
                        winners.add(future.get(30, TimeUnit.SECONDS));
                    } catch (java.util.concurrent.ExecutionException e) {
                        losers.add(e.getCause());
                    }
                }
                assertThat(winners).as("round %d", round).hasSize(1);
                assertThat(losers).singleElement().satisfies(failure -> assertThat(Database.violatedUniqueIndex(failure))
                        .as(String.valueOf(failure)).contains("ux_services_system_name"));
                assertThat(find(database, h -> h.attach(ProductDao.class).findBySystemName(accountId, systemName)))
                        .map(Product::id).isEqualTo(Optional.of(winners.get(0)));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(list(database, h -> h.attach(ProductDao.class).list(accountId, 100, 0))).hasSize(10);
    }


    /** Rows changed by one write; a typed shorthand so assertions pick the right AssertJ overload. */
    private int changes(HandleCallback<Integer, RuntimeException> work) {
        return database.write(work);
    }

    private static <T> Optional<T> find(Database db, HandleCallback<Optional<T>, RuntimeException> work) {
        return db.read(work);
    }

    private static <T> List<T> list(Database db, HandleCallback<List<T>, RuntimeException> work) {
        return db.read(work);
    }

    private static List<String> sqlStates(Throwable failure) {
        List<String> states = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                states.add(sql.getSQLState());
            }
        }
        return states;
    }

    private static Map<String, Integer> ownedRows(Database db, long accountId) {
        return db.read(h -> StoreFixtures.ownedRows(h, accountId));
    }
}
