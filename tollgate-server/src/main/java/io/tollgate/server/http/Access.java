package io.tollgate.server.http;

import io.tollgate.model.TokenScope;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a route needs: one of {@code scopes}, write permission when {@code writes}, and the master
 * account when {@code masterOnly}.
 */
public record Access(Set<TokenScope> scopes, boolean writes, boolean masterOnly) {

    public static Access reading() {
        return new Access(Set.of(TokenScope.ACCOUNT_MANAGEMENT), false, false);
    }

    public static Access writing() {
        return new Access(Set.of(TokenScope.ACCOUNT_MANAGEMENT), true, false);
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
