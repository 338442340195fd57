package io.tollgate.server.api;

import io.tollgate.server.gateway.GatewayFleet;
import io.tollgate.server.gateway.GatewayRegistry;
import io.tollgate.server.gateway.GatewayRegistry.RenewalCredentials;
import io.tollgate.server.http.Access;
import io.tollgate.server.http.ApiRequest;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;

/**
 * What {@code tollgate registration create|renew} call, without an access token
 * ({@link Access#anonymous()}): {@code POST /admin/api/gateway/registrations} with a one-time token,
 * {@code POST /admin/api/gateway/registrations/renew} with an admin user's or a connected app's
 * credentials. Both take a CSR and answer the issued certificate and the CA bundle; the private key
 * stays with the caller. Refusals are 400 with the reason in {@code error} (SPEC G2).
 */
public final class RegistrationsResource implements Routes.Resource {
    private static final String BASE = "/admin/api/gateway/registrations";

    private final GatewayRegistry registry;
    private final GatewayFleet fleet;

    public RegistrationsResource(GatewayRegistry registry, GatewayFleet fleet) {
        this.registry = registry;
        this.fleet = fleet;
    }

    @Override
    public void register(Routes routes) {
        routes.add("POST", BASE, Access.anonymous(), r -> created(r, registry.register(text(r, "organization"),
                        text(r, "token"), text(r, "name"), !"false".equals(text(r, "connected")), text(r, "csr"))))
                .add("POST", BASE + "/renew", Access.anonymous(), r -> ApiResponse.ok(GatewayJson.registration(
                        registry.renew(text(r, "organization"), text(r, "environment"), text(r, "name"),
                                new RenewalCredentials(text(r, "username"), text(r, "password"),
                                        text(r, "client_id"), text(r, "client_secret")),
                                text(r, "csr")), fleet.gatewayApiUrl(r.baseUrl()))));
    }

    private ApiResponse created(ApiRequest r, GatewayRegistry.Issued issued) {
        return ApiResponse.created(GatewayJson.registration(issued, fleet.gatewayApiUrl(r.baseUrl())), null);
    }

    private static String text(ApiRequest r, String name) {
        return GatewaysResource.text(r, name).orElse(null);
    }
}
