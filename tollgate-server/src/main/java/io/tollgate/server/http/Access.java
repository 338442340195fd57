package io.tollgate.server.http;

import io.tollgate.model.TokenScope;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a route needs: one of {@code scopes}, write permission when {@code writes}, and the master
 * account when {@code masterOnly}. No scopes at all means {@link #anonymous()}.
 */
public record Access(Set<TokenScope> scopes, boolean writes, boolean masterOnly) {

    public static Access reading() {
        return new Access(Set.of(TokenScope.ACCOUNT_MANAGEMENT), false, false);
    }

    public static Access writing() {
        return new Access(Set.of(TokenScope.ACCOUNT_MANAGEMENT), true, false);
    }

    /**
     * No admin credentials: the handler authenticates the caller itself from what the request
     * carries (a one-time registration token, a user's password, a connected app's secret), gets no
     * {@link Principal} and is not audited as a tenant's write.
     */
    public static Access anonymous() {
        return new Access(Set.of(), false, false);
    }

    public boolean isAnonymous() {
        return scopes.isEmpty();
    }

    /** Also accept {@code scope} (the policy chain accepts policy_registry as well). */
    public Access orScope(TokenScope scope) {
        Set<TokenScope> all = EnumSet.copyOf(scopes);
        all.add(scope);
        return new Access(Set.copyOf(all), writes, masterOnly);
    }

    public Access forMaster() {
        return new Access(scopes, writes, true);
    }
}
