package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.common.Errors;
import io.tollgate.server.domain.StatsQuery;
import io.tollgate.server.gateway.GatewayRegistry;
import io.tollgate.server.gateway.GatewayRegistry.MintedToken;
import io.tollgate.server.http.ApiRequest;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;
import io.tollgate.store.GatewayTrafficDao;
import java.time.Instant;
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
                .get(GATEWAYS + "/:id/traffic", this::traffic)
                .delete(GATEWAYS + "/:id", r -> {
                    registry.delete(r.accountId(), r.id("id"));
                    return ApiResponse.deleted();
                });
    }

    /**
     * {@code GET /admin/api/gateways/:id/traffic.json?since=&until=}: what the gateway reported of its
     * traffic, by hour, product and environment; {@code since} defaults to 24 hours ago, {@code until} to
     * now (dates are whole UTC days).
     */
    private ApiResponse traffic(ApiRequest r) {
        Errors errors = new Errors();
        Optional<Instant> since = text(r, "since").map(s -> StatsQuery.instant("since", s.trim(), false, errors));
        Optional<Instant> until = text(r, "until").map(s -> StatsQuery.instant("until", s.trim(), true, errors))
                .map(u -> u.plusSeconds(1));
        errors.throwIfAny();
        long id = r.id("id");
        GatewayRegistry.Traffic traffic = registry.traffic(r.accountId(), id, since, until);
        ObjectNode root = Representation.object().put("gateway_id", id)
                .put("since", Representation.timestamp(traffic.since()))
                .put("until", Representation.timestamp(traffic.until()));
        ArrayNode hours = root.putArray("traffic");
        for (GatewayTrafficDao.Hour h : traffic.hours()) {
            hours.addObject().put("hour", Representation.timestamp(h.hourStart())).put("service_id", h.serviceId())
                    .put("api", h.apiName())
                    .put("environment", h.environment()).put("requests", h.requests())
                    .put("status_1xx", h.status1xx()).put("status_2xx", h.status2xx())
                    .put("status_3xx", h.status3xx()).put("status_4xx", h.status4xx())
                    .put("status_5xx", h.status5xx());
        }
        return ApiResponse.ok(root);
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
