package io.tollgate.store;

import io.tollgate.model.Account;
import io.tollgate.model.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Developer (buyer) accounts of a tenant and their users. Every query is scoped by the tenant
 * ({@code accounts.provider_account_id}) and {@code kind = 'buyer'}, so a tenant's own users and
 * other tenants' developers are never reached from here.
 */
@RegisterRowMapper(AccountDao.Mapper.class)
@RegisterRowMapper(UserDao.Mapper.class)
public interface DeveloperDao {

    @SqlQuery("""
            SELECT * FROM accounts WHERE provider_account_id = :tenant AND kind = 'buyer' AND id = :id
            """)
    Optional<Account> findAccount(@Bind("tenant") long tenantId, @Bind("id") long id);

    @SqlQuery("""
            SELECT * FROM accounts WHERE provider_account_id = :tenant AND kind = 'buyer'
            ORDER BY id LIMIT :limit OFFSET :offset
            """)
    List<Account> listAccounts(@Bind("tenant") long tenantId, @Bind("limit") int limit,
            @Bind("offset") long offset);

    @SqlQuery("""
            SELECT * FROM accounts WHERE provider_account_id = :tenant AND kind = 'buyer' AND state = :state
            ORDER BY id LIMIT :limit OFFSET :offset
            """)
    List<Account> listAccountsInState(@Bind("tenant") long tenantId, @Bind("state") String state,
            @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlUpdate("UPDATE accounts SET org_name = :orgName, updated_at = :now WHERE id = :id")
    int renameAccount(@Bind("id") long id, @Bind("orgName") String orgName, @Bind("now") Instant now);

    @SqlUpdate("UPDATE accounts SET state = :state, updated_at = :now WHERE id = :id")
    int setAccountState(@Bind("id") long id, @Bind("state") String state, @Bind("now") Instant now);

    /**
     * Locks an account's row until the transaction ends. Taken on the tenant before checking that
     * a developer username or email is unique across its developer accounts (which no single index
     * can enforce), and on a developer account before removing one of its admins.
     */
    @SqlQuery("SELECT id FROM accounts WHERE id = :id FOR UPDATE")
    Optional<Long> lockAccount(@Bind("id") long id);

    @SqlQuery("""
            SELECT u.* FROM users u JOIN accounts a ON a.id = u.account_id
            WHERE a.provider_account_id = :tenant AND a.kind = 'buyer' AND u.id = :id
            """)
    Optional<User> findUser(@Bind("tenant") long tenantId, @Bind("id") long id);

    @SqlQuery("""
            SELECT u.* FROM users u JOIN accounts a ON a.id = u.account_id
            WHERE a.provider_account_id = :tenant AND a.kind = 'buyer' AND u.email = :email
            ORDER BY u.id
            """)
    List<User> findUsersByEmail(@Bind("tenant") long tenantId, @Bind("email") String email);

    @SqlQuery("""
            SELECT u.* FROM users u JOIN accounts a ON a.id = u.account_id
            WHERE a.provider_account_id = :tenant AND a.kind = 'buyer' AND u.username = :username
            ORDER BY u.id
            """)
    List<User> findUsersByUsername(@Bind("tenant") long tenantId, @Bind("username") String username);

    @SqlQuery("SELECT COUNT(*) FROM users WHERE account_id = :accountId AND role = 'admin'")
    int countAdmins(@Bind("accountId") long accountId);

    @SqlUpdate("""
            UPDATE users SET username = :username, email = :email, updated_at = :now WHERE id = :id
            """)
    int updateUser(@Bind("id") long id, @Bind("username") String username, @Bind("email") String email,
            @Bind("now") Instant now);

    @SqlUpdate("UPDATE users SET password_hash = :hash, updated_at = :now WHERE id = :id")
    int setPasswordHash(@Bind("id") long id, @Bind("hash") String hash, @Bind("now") Instant now);

    @SqlUpdate("UPDATE users SET role = :role, updated_at = :now WHERE id = :id")
    int setRole(@Bind("id") long id, @Bind("role") String role, @Bind("now") Instant now);

    @SqlUpdate("UPDATE users SET state = :state, updated_at = :now WHERE id = :id")
    int setUserState(@Bind("id") long id, @Bind("state") String state, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM users WHERE id = :id")
    int deleteUser(@Bind("id") long id);
}
