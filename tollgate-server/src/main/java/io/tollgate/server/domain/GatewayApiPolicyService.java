package io.tollgate.server.domain;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.common.ErrorCode;
import io.tollgate.common.TollgateException;
import io.tollgate.common.ValidationException;
import io.tollgate.model.BuiltinPolicies;
import io.tollgate.model.Json;
import io.tollgate.model.PolicyConfig;
import io.tollgate.model.Product;
import io.tollgate.model.Proxy;
import io.tollgate.server.http.Fields;
import io.tollgate.store.Database;
import io.tollgate.store.GatewayApiDao.GatewayApi;
import io.tollgate.store.GatewayDao;
import io.tollgate.store.GatewayDao.Gateway;
import io.tollgate.store.ProductDao;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * The policies of an API instance (SPEC A2): entries of its product's policy chain, added at the end,
 * changed and removed by name ({@code http-basic-authentication}, or a builtin name). Each change saves
 * the chain through the server's policy chain validation ({@link PolicyChain}) and deploys, as
 * {@link GatewayApiService} does. A policy is on an API at most once.
 */
public final class GatewayApiPolicyService {
    private final Database database;
    private final GatewayApis apis;

    public GatewayApiPolicyService(Database database, Clock clock) {
        this.database = requireNonNull(database, "database");
        this.apis = new GatewayApis(clock, new ProxyConfigs(clock));
    }

    /** Takes {@code policy} (required) and {@code configuration} (an object; default {}). */
    public GatewayApiView add(long accountId, String ref, Fields fields) {
        String policy = fields.nonBlank("policy").map(String::trim).orElseThrow(() -> ValidationException.of(
                "policy", "can't be blank"));
        String builtin = PolicyReferences.forAdding(policy);
        ObjectNode configuration = PolicyReferences.configuration(policy, fields.node("configuration"));
        return change(accountId, ref, chain -> {
            if (index(chain, builtin) >= 0) {
                throw ValidationException.of("policy", policy + " is already on this API (change it with PUT"
                        + " …/policies/" + policy + ")");
            }
            List<PolicyConfig> next = new ArrayList<>(chain);
            next.add(new PolicyConfig(builtin, BuiltinPolicies.VERSION, configuration, true));
            return next;
        });
    }

    /** Replaces the configuration of the policy named {@code policy}; 404 when the API does not have it. */
    public GatewayApiView update(long accountId, String ref, String policy, Fields fields) {
        return change(accountId, ref, chain -> {
            int at = present(chain, policy);
            ObjectNode configuration = PolicyReferences.configuration(policy, fields.node("configuration"));
            List<PolicyConfig> next = new ArrayList<>(chain);
            PolicyConfig old = chain.get(at);
            next.set(at, new PolicyConfig(old.name(), old.version(), configuration, old.enabled()));
            return next;
        });
    }

    /** Removes the policy named {@code policy}; 404 when the API does not have it. */
    public GatewayApiView remove(long accountId, String ref, String policy) {
        return change(accountId, ref, chain -> {
            List<PolicyConfig> next = new ArrayList<>(chain);
            next.remove(present(chain, policy));
            return next;
        });
    }

    private GatewayApiView change(long accountId, String ref, Function<List<PolicyConfig>, List<PolicyConfig>> edit) {
        return database.write(h -> {
            GatewayApi api = GatewayApis.find(h, accountId, ref);
            Product product = h.attach(ProductDao.class).find(accountId, api.serviceId()).orElseThrow();
            Proxy proxy = GatewayApis.lockProxy(h, product.id());
            List<PolicyConfig> chain = validated(edit.apply(proxy.policiesConfig()));
            apis.saveChain(h, proxy, chain);
            apis.deploy(h, product, gateway(h, api));
            return GatewayApis.view(h, api);
        });
    }

    /** The chain as the policy chain API would store it, so both APIs accept and refuse alike. */
    private static List<PolicyConfig> validated(List<PolicyConfig> chain) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (PolicyConfig entry : chain) {
            ObjectNode node = array.addObject().put("name", entry.name()).put("version", entry.version())
                    .put("enabled", entry.enabled());
            node.set("configuration", entry.configuration());
        }
        return PolicyChain.parse(array);
    }

    private static Gateway gateway(Handle h, GatewayApi api) {
        return h.attach(GatewayDao.class).findById(api.gatewayId())
                .orElseThrow(() -> new TollgateException(ErrorCode.NOT_FOUND));
    }

    private static int present(List<PolicyConfig> chain, String policy) {
        int at = index(chain, PolicyReferences.builtin(policy));
        if (at < 0) {
            throw TollgateException.notFound();
        }
        return at;
    }

    private static int index(List<PolicyConfig> chain, String name) {
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
