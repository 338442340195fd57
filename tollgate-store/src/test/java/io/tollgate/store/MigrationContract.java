package io.tollgate.store;

import static io.tollgate.store.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.store.testing.TestDatabase;
import io.tollgate.store.testing.TestDatabases;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/**
 * The schema on each engine: Flyway migrates an empty database once and a reopen finds it up to
 * date, and timestamps are stored as epoch milliseconds.
 */
interface MigrationContract extends StoreContractSupport {
    @Test
    default void migratesAnEmptyDatabaseAndReopensWithoutMigratingAgain() {
        try (TestDatabase fresh = TestDatabases.create(engine())) {
            assertThat(migrationInfo(fresh).applied()).isEmpty();

            try (Database first = Database.open(fresh.config())) {
                assertThat(first.dialect()).isEqualTo(Dialect.fromJdbcUrl(fresh.config().url()));
                assertThat(ownedRows(first, 1)).containsOnlyKeys(StoreFixtures.OWNED_TABLES)
                        .allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
            }
            MigrationInfo[] afterFirst = migrationInfo(fresh).applied();
            // Every migration of the set, in order, starting with version 1 (later ones are added by topic).
            assertThat(afterFirst).extracting(m -> m.getVersion().getVersion()).startsWith("1");
            assertThat(afterFirst).allSatisfy(m -> assertThat(m.getState().isFailed()).isFalse());

            try (Database second = Database.open(fresh.config())) {
                long accountId = second.write(StoreFixtures::tenant);
                assertThat(find(second, h -> h.attach(AccountDao.class).find(accountId))).isPresent();
            }
            MigrationInfo[] afterSecond = migrationInfo(fresh).applied();
            assertThat(afterSecond).hasSize(afterFirst.length);
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
    default void storesTimestampsAsEpochMilliseconds() {
        long accountId = database().write(StoreFixtures::tenant);
        long raw = database().read(h -> h.createQuery("SELECT created_at FROM accounts WHERE id = :id")
                .bind("id", accountId).mapTo(Long.class).one());
        assertThat(raw).isEqualTo(NOW.toEpochMilli());
    }
}
