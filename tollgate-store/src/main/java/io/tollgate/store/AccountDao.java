package io.tollgate.store;

import io.tollgate.model.Account;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Accounts: the master, tenants (providers) and, later, developer accounts. */
@RegisterRowMapper(AccountDao.Mapper.class)
public interface AccountDao {

    @SqlUpdate("""
            INSERT INTO accounts (kind, provider_account_id, org_name, subdomain, state, support_email,
                                  finance_support_email, from_email, site_access_code, provider_key_hash,
                                  created_at, updated_at)
            VALUES (:kind, :providerAccountId, :orgName, :subdomain, :state, :supportEmail,
                    :financeSupportEmail, :fromEmail, :siteAccessCode, :providerKeyHash, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("kind") String kind, @Bind("providerAccountId") Long providerAccountId,
            @Bind("orgName") String orgName, @Bind("subdomain") String subdomain, @Bind("state") String state,
            @Bind("supportEmail") String supportEmail, @Bind("financeSupportEmail") String financeSupportEmail,
            @Bind("fromEmail") String fromEmail, @Bind("siteAccessCode") String siteAccessCode,
            @Bind("providerKeyHash") String providerKeyHash, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM accounts WHERE id = :id")
    Optional<Account> find(@Bind("id") long id);

    @SqlQuery("SELECT * FROM accounts WHERE kind = 'master'")
    Optional<Account> findMaster();

    @SqlQuery("SELECT * FROM accounts WHERE provider_key_hash = :hash")
    Optional<Account> findByProviderKeyHash(@Bind("hash") String hash);

    @SqlQuery("SELECT * FROM accounts WHERE subdomain = :subdomain")
    Optional<Account> findBySubdomain(@Bind("subdomain") String subdomain);

    @SqlQuery("""
            SELECT * FROM accounts WHERE provider_account_id = :owner AND kind = :kind
            ORDER BY id LIMIT :limit OFFSET :offset
            """)
    List<Account> listOwned(@Bind("owner") long ownerId, @Bind("kind") String kind,
            @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlUpdate("""
            UPDATE accounts SET org_name = :orgName, state = :state,
                   support_email = :supportEmail, finance_support_email = :financeSupportEmail,
                   from_email = :fromEmail, site_access_code = :siteAccessCode, updated_at = :now
            WHERE id = :id
            """)
    int update(@Bind("id") long id, @Bind("orgName") String orgName, @Bind("state") String state,
            @Bind("supportEmail") String supportEmail, @Bind("financeSupportEmail") String financeSupportEmail,
            @Bind("fromEmail") String fromEmail, @Bind("siteAccessCode") String siteAccessCode,
            @Bind("now") Instant now);

    @SqlUpdate("UPDATE accounts SET provider_key_hash = :hash, updated_at = :now WHERE id = :id")
    int setProviderKeyHash(@Bind("id") long id, @Bind("hash") String hash, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM accounts WHERE id = :id")
    int delete(@Bind("id") long id);

    final class Mapper implements RowMapper<Account> {
        @Override
        public Account map(ResultSet rs, StatementContext ctx) throws SQLException {
            return Mappers.account(rs);
        }
    }
}
