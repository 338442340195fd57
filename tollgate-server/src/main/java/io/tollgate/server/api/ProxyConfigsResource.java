package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.Json;
import io.tollgate.model.ProxyConfig;
import io.tollgate.server.domain.ProxyConfigService;
import io.tollgate.server.domain.ProxyConfigService.Deployment;
import io.tollgate.server.http.Access;
import io.tollgate.server.http.ApiRequest;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;
import java.util.Optional;

/**
 * Proxy configurations: {@code POST /admin/api/services/:id/proxy/deploy}, the versions under
 * {@code /admin/api/services/:id/proxy/configs/:env}, promotion of a sandbox version to
 * production, and {@code /admin/api/account/proxy_configs/:env}, what gateways poll. An
 * environment is {@code sandbox} (alias {@code staging}) or {@code production}. The master's
 * {@code /master/api/proxy/configs/:env} lists every active tenant's, for gateways serving all tenants.
 */
public final class ProxyConfigsResource implements Routes.Resource {
    private static final String PROXY = "/admin/api/services/:id/proxy";
    private static final String CONFIGS = PROXY + "/configs/:env";
    private static final String KEY = "proxy_config";
    private static final String PLURAL = "proxy_configs";

    private final ProxyConfigService configs;

    public ProxyConfigsResource(ProxyConfigService configs) {
        this.configs = configs;
    }

    @Override
    public void register(Routes routes) {
        routes.post(PROXY + "/deploy", r -> {
                    Deployment deployed = configs.deploy(r.accountId(), r.id("id"));
                    return ApiResponse.created(Representation.wrap("proxy",
                            ProxyJson.proxy(deployed.proxy(), r.baseUrl())), r.baseUrl() + path(deployed.config()));
                })
                .get(CONFIGS, r -> ApiResponse.ok(Representation.list(PLURAL, KEY,
                        configs.list(r.accountId(), r.id("id"), env(r), r.page()), ProxyConfigsResource::render)))
                // Registered before ":version", which would otherwise take "latest" as a (bad) number.
                .get(CONFIGS + "/latest", r -> ok(configs.latest(r.accountId(), r.id("id"), env(r))))
                .get(CONFIGS + "/:version", r -> ok(configs.version(r.accountId(), r.id("id"), env(r),
                        r.id("version"))))
                .post(CONFIGS + "/:version/promote", r -> {
                    ProxyConfig promoted = configs.promote(r.accountId(), r.id("id"), env(r), r.id("version"),
                            r.fields(KEY));
                    return ApiResponse.created(Representation.wrap(KEY, render(promoted)),
                            r.baseUrl() + path(promoted));
                })
                .get("/admin/api/account/proxy_configs/:env", r -> ApiResponse.ok(Representation.list(PLURAL, KEY,
                        configs.ofAccount(r.accountId(), env(r), text(r, "host"), text(r, "version"), r.page()),
                        ProxyConfigsResource::render)))
                .add("GET", "/master/api/proxy/configs/:env", Access.reading().forMaster(),
                        r -> ApiResponse.ok(Representation.list(PLURAL, KEY, configs.ofActiveTenants(env(r),
                                text(r, "host"), text(r, "version"), r.page()), ProxyConfigsResource::render)));
    }

    private static String env(ApiRequest r) {
        return ProxyConfigService.environment(r.pathParam("env"));
    }

    private static Optional<String> text(ApiRequest r, String name) {
        return r.params().hasNonNull(name) && !r.params().get(name).isContainerNode()
                ? Optional.of(r.params().get(name).asText()) : Optional.empty();
    }

    private static ApiResponse ok(ProxyConfig config) {
        return ApiResponse.ok(Representation.wrap(KEY, render(config)));
    }

    private static String path(ProxyConfig c) {
        return ProxyJson.path(c.serviceId()) + "/configs/" + c.environment() + "/" + c.version();
    }

    /** {@code {"proxy_configs":[{"proxy_config":…},…]}}: what the account listing answers (also over mTLS). */
    public static ObjectNode listing(java.util.List<ProxyConfig> configs) {
        return Representation.list(PLURAL, KEY, configs, ProxyConfigsResource::render);
    }

    /** A version is never changed, so updated_at is its created_at. */
    static ObjectNode render(ProxyConfig c) {
        ObjectNode node = Representation.object()
                .put("id", c.id())
                .put("version", c.version())
                .put("environment", c.environment());
        node.set("content", Json.read(c.content(), ObjectNode.class));
        Representation.timestamps(node, c.createdAt(), c.createdAt());
        return node;
    }
}
