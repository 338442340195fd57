package io.tollgate.store;

import static io.tollgate.store.StoreFixtures.LATER;
import static io.tollgate.store.StoreFixtures.NOW;
import static io.tollgate.store.StoreFixtures.UNICODE;
import static io.tollgate.store.StoreFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.model.AccessToken;
import io.tollgate.model.Account;
import io.tollgate.model.AccountKind;
import io.tollgate.model.TokenPermission;
import io.tollgate.model.TokenScope;
import io.tollgate.model.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Round trips of the identity tables through their DAOs: accounts (master and tenants, nulls,
 * Unicode, provider key hashes, the master-to-tenant cascade), users and access tokens.
 */
interface AccountRoundTripContract extends StoreContractSupport {
    @Test
    default void roundTripsAccountsIncludingNullsAndUnicode() {
        String subdomain = unique("acme");
        Account.Contact contact = new Account.Contact("support@example.com", null, "from@example.com", UNICODE);
        long masterId = database().write(h -> h.attach(AccountDao.class).insert(AccountKind.MASTER.wire(), null,
                "Master", null, "approved", null, null, null, null, null, NOW));
        long tenantId = database().write(h -> h.attach(AccountDao.class).insert(AccountKind.PROVIDER.wire(), masterId,
                UNICODE, subdomain, "approved", contact.supportEmail(), null, contact.fromEmail(),
                contact.siteAccessCode(), "key-hash-" + subdomain, NOW));

        Account expected = new Account(tenantId, AccountKind.PROVIDER, masterId, UNICODE, subdomain, "approved",
                contact, NOW, NOW);
        AccountDao reader = database().jdbi().onDemand(AccountDao.class);
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
    default void roundTripsUsersAndAccessTokens() {
        long accountId = database().write(StoreFixtures::tenant);
        UserDao users = database().jdbi().onDemand(UserDao.class);
        AccessTokenDao tokens = database().jdbi().onDemand(AccessTokenDao.class);
        long memberId = database().write(h -> h.attach(UserDao.class).insert(accountId, "zoë", "zoë@example.com",
                null, "member", "pending", NOW));
        long adminId = database().write(h -> h.attach(UserDao.class).insert(accountId, "admin", "admin@example.com",
                "$2a$10$hash", "admin", "active", LATER));

        assertThat(users.find(memberId)).contains(new User(memberId, accountId, "zoë", "zoë@example.com",
                "member", "pending", NOW, NOW));
        assertThat(users.listByAccount(accountId)).extracting(User::id).containsExactly(memberId, adminId);
        assertThat(users.firstAdmin(accountId)).map(User::id).contains(adminId);
        assertThat(users.passwordHash(adminId)).contains("$2a$10$hash");
        assertThat(users.passwordHash(memberId)).isEmpty();

        List<TokenScope> scopes = List.of(TokenScope.ACCOUNT_MANAGEMENT, TokenScope.STATS);
        long expiring = database().write(h -> h.attach(AccessTokenDao.class).insert(adminId, accountId, UNICODE,
                AccessTokenDao.scopesColumn(scopes), "ro", "hash-1-" + accountId, LATER, NOW));
        List<Long> ids = new ArrayList<>(List.of(expiring));
        for (int i = 2; i <= 4; i++) {
            String hash = "hash-" + i + "-" + accountId;
            ids.add(database().write(h -> h.attach(AccessTokenDao.class).insert(adminId, accountId, "t", "", "rw",
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
}
