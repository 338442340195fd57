package io.tollgate.server.http;

import io.tollgate.model.Account;
import io.tollgate.model.TokenPermission;
import io.tollgate.model.TokenScope;
import java.util.Set;

/**
 * Who is calling: the tenant (or master) account every query is scoped to, and what the
 * credentials allow.
 *
 * @param userId the token's owner; {@code null} when authenticated by provider key
 */
public record Principal(Account account, Long userId, Set<TokenScope> scopes, TokenPermission permission) {

    public long accountId() {
        return account.id();
    }

    public boolean isMaster() {
        return account.isMaster();
    }

    public boolean canWrite() {
        return permission == TokenPermission.RW;
    }
}
