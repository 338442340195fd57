package io.tollgate.server.domain;

import io.tollgate.common.TollgateException;
import io.tollgate.model.Account;
import io.tollgate.model.User;
import io.tollgate.server.http.Fields;
import io.tollgate.store.AccountDao;
import io.tollgate.store.Database;
import io.tollgate.store.UserDao;
import java.util.List;

/**
 * The calling tenant's own account ({@code /admin/api/provider}). A tenant may change its name and
 * contact addresses, never its state: approving or suspending a tenant is the master's business.
 */
public final class ProviderService {
    private final Database database;
    private final TenantService tenants;

    public ProviderService(Database database, TenantService tenants) {
        this.database = database;
        this.tenants = tenants;
    }

    public Account find(long accountId) {
        return database.read(h -> account(h.attach(AccountDao.class), accountId));
    }

    public List<User> users(long accountId) {
        return database.read(h -> h.attach(UserDao.class).listByAccount(accountId));
    }

    /** Updates org_name, support_email, finance_support_email, from_email and site_access_code. */
    public Account update(long accountId, Fields fields) {
        return database.write(h -> tenants.updateAccount(h, account(h.attach(AccountDao.class), accountId), fields,
                false));
    }

    private static Account account(AccountDao accounts, long accountId) {
        return accounts.find(accountId).orElseThrow(TollgateException::notFound);
    }
}
