package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.server.gateway.GatewayRegistry;
import io.tollgate.server.gateway.GatewayRegistry.MintedToken;
import io.tollgate.server.http.ApiRequest;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;
import java.util.Optional;

/**
 * The tenant's gateway fleet: {@code POST /admin/api/gateway/registration_tokens} mints a one-time
 * token and answers the whole {@code tollgate registration create} command to paste;
 * {@code /admin/api/gateways} lists the registry with each gateway's status, shows and deletes one.
 */
public final class GatewaysResource implements Routes.Resource {
    private static final String GATEWAYS = "/admin/api/gateways";

    private final GatewayRegistry registry;

    public GatewaysResource(GatewayRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void register(Routes routes) {
        routes.post("/admin/api/gateway/registration_tokens", r -> {
                    MintedToken token = registry.mintToken(r.accountId(), r.principal().userId(),
                            text(r, "environment").orElse(null));
                    return ApiResponse.created(Representation.wrap("registration_token", render(token, r)), null);
                })
                .get(GATEWAYS, r -> ApiResponse.ok(Representation.list("gateways", "gateway",
                        registry.list(r.accountId(), text(r, "environment")), GatewayJson::gateway)))
                .get(GATEWAYS + "/:id", r -> ApiResponse.ok(Representation.wrap("gateway",
                        GatewayJson.gateway(registry.find(r.accountId(), r.id("id"))))))
                .delete(GATEWAYS + "/:id", r -> {
                    registry.delete(r.accountId(), r.id("id"));
                    return ApiResponse.deleted();
                });
    }

    private static ObjectNode render(MintedToken token, ApiRequest r) {
        return Representation.object().put("token", token.token())
                .put("organization", String.valueOf(token.organization()))
                .put("environment", token.environment())
                .put("expires_at", Representation.timestamp(token.expiresAt()))
                .put("command", "tollgate registration create --organization=" + token.organization()
                        + " --token=" + token.token() + " --control-plane=" + r.baseUrl() + " <gateway-name>");
    }

    static Optional<String> text(ApiRequest r, String name) {
        return r.params().hasNonNull(name) && r.params().get(name).isValueNode()
                && !r.params().get(name).asText().isBlank() ? Optional.of(r.params().get(name).asText())
                : Optional.empty();
    }
}
