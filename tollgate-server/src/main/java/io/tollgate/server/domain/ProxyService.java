package io.tollgate.server.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.common.Errors;
import io.tollgate.common.TollgateException;
import io.tollgate.model.OidcConfiguration;
import io.tollgate.model.PolicyConfig;
import io.tollgate.model.Product;
import io.tollgate.model.Proxy;
import io.tollgate.model.ProxySettings;
import io.tollgate.server.http.Fields;
import io.tollgate.store.Database;
import io.tollgate.store.ProxyDao;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A product's proxy: its gateway settings, policy chain and OIDC flows, one row per product
 * (created with the product). Every successful update, of any part, increases
 * {@code lock_version} by one, even when the values did not change: the 3scale toolbox sends an
 * empty proxy update precisely to mark a new version.
 *
 * <p>A settings or policy chain update also deploys to sandbox, in the same transaction, when the
 * product's gateway configuration changed (see {@link ProxyConfigs#deployIfChanged}); the OIDC flows
 * are not part of that configuration.
 */
public final class ProxyService {
    private final Database database;
    private final Clock clock;
    private final ProxyConfigs configs;

    public ProxyService(Database database, Clock clock, ProxyConfigs configs) {
        this.database = database;
        this.clock = clock;
        this.configs = configs;
    }

    public Proxy find(long accountId, long productId) {
        return database.read(h -> {
            Ownership.product(h, accountId, productId);
            return h.attach(ProxyDao.class).findByProduct(productId).orElseThrow(TollgateException::notFound);
        });
    }

    /**
     * Updates the settings given in {@code fields} (flat wire names) and, when present, the policy
     * chain in {@code policies_config}. Read-only and unknown fields are ignored.
     */
    public Proxy update(long accountId, long productId, Fields fields) {
        return change(accountId, productId, true, current -> {
            ProxySettings settings = ProxySettingsChange.apply(current.settings(), fields);
            List<PolicyConfig> chain = fields.has(PolicyChain.FIELD)
                    ? PolicyChain.parse(fields.node(PolicyChain.FIELD)) : current.policiesConfig();
            return with(current, settings, chain, current.oidcConfiguration());
        });
    }

    /**
     * Replaces the whole chain (PUT semantics: the given list is the new chain).
     *
     * @param chain the {@code policies_config} parameter, in any form {@link PolicyChain} reads
     */
    public Proxy replacePolicies(long accountId, long productId, JsonNode chain) {
        return change(accountId, productId, true, current -> with(current, current.settings(), PolicyChain.parse(chain),
                current.oidcConfiguration()));
    }

    /** Sets the OIDC flows given in {@code fields}; absent flags keep their value. */
    public Proxy updateOidc(long accountId, long productId, Fields fields) {
        return change(accountId, productId, false, current -> {
            OidcConfiguration c = current.oidcConfiguration();
            Errors errors = new Errors();
            OidcConfiguration next = new OidcConfiguration(
                    fields.bool("standard_flow_enabled", errors).orElse(c.standardFlowEnabled()),
                    fields.bool("implicit_flow_enabled", errors).orElse(c.implicitFlowEnabled()),
                    fields.bool("service_accounts_enabled", errors).orElse(c.serviceAccountsEnabled()),
                    fields.bool("direct_access_grants_enabled", errors).orElse(c.directAccessGrantsEnabled()));
            errors.throwIfAny();
            return with(current, current.settings(), current.policiesConfig(), next);
        });
    }

    /**
     * Validates and applies {@code edit} to the locked row in one transaction, then deploys to
     * sandbox when {@code deploy} is set and the gateway configuration changed.
     */
    private Proxy change(long accountId, long productId, boolean deploy, UnaryOperator<Proxy> edit) {
        return database.write(h -> {
            Product product = Ownership.product(h, accountId, productId);
            Proxy current = h.attach(ProxyDao.class).lockByProduct(productId).orElseThrow(TollgateException::notFound);
            Proxy next = edit.apply(current);
            ProxyDao proxies = h.attach(ProxyDao.class);
            proxies.update(productId, next.settings(), next.policiesConfig(), next.oidcConfiguration(),
                    clock.instant());
            if (deploy) {
                configs.deployIfChanged(h, product);
            }
            return proxies.findByProduct(productId).orElseThrow();
        });
    }

    private static Proxy with(Proxy p, ProxySettings settings, List<PolicyConfig> chain, OidcConfiguration oidc) {
        return new Proxy(p.id(), p.accountId(), p.serviceId(), settings, chain, oidc, p.lockVersion(),
                p.createdAt(), p.updatedAt());
    }
}
