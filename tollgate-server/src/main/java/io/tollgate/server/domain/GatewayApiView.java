package io.tollgate.server.domain;

import static java.util.Objects.requireNonNull;

import io.tollgate.model.BackendApi;
import io.tollgate.model.PolicyConfig;
import io.tollgate.model.Product;
import io.tollgate.store.GatewayApiDao.GatewayApi;
import io.tollgate.store.GatewayDao.Gateway;
import java.util.List;

/**
 * An API instance as the admin API shows it: its placement, the product and backend it is, the
 * gateway it runs on, the product's policy chain and the version deployed for the gateway's
 * environment.
 *
 * @param backend       the backend used at {@code /} (the upstream), or null when an admin removed that usage
 * @param configVersion the latest proxy configuration version in the gateway's environment, or null
 */
public record GatewayApiView(GatewayApi api, Product product, BackendApi backend, Gateway gateway,
        List<PolicyConfig> chain, Integer configVersion) {
    public GatewayApiView {
        requireNonNull(api, "api");
        requireNonNull(product, "product");
        requireNonNull(gateway, "gateway");
        chain = List.copyOf(chain);
    }

    /** How a chain entry is named in answers: {@code basic_auth} is {@code http-basic-authentication}. */
    public static String policyName(PolicyConfig entry) {
        return PolicyReferences.reference(entry.name());
    }
}
