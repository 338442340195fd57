package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.Application;
import io.tollgate.server.domain.ApplicationService;
import io.tollgate.server.http.ApiRequest;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Fields;
import io.tollgate.server.http.Routes;
import java.util.List;

/**
 * {@code /admin/api/accounts/:account_id/applications}: applications of a developer account, with
 * their state changes, plan change and keys; {@code /admin/api/applications}: all applications of
 * the tenant and the lookup by credentials. Bodies are flat, or wrapped in {@code application}.
 */
public final class ApplicationsResource implements Routes.Resource {
    private static final String KEY = "application";
    private static final String BASE = DeveloperJson.ACCOUNTS + "/:account_id/applications";
    private static final String ONE = BASE + "/:id";

    private final ApplicationService applications;

    public ApplicationsResource(ApplicationService applications) {
        this.applications = applications;
    }

    @Override
    public void register(Routes routes) {
        // "find" before any ":id" route of the tenant-wide list.
        routes.get("/admin/api/applications", r -> {
                    Fields query = r.fields(null);
                    return ApiResponse.ok(Representation.list("applications", KEY, applications.listAll(
                            r.accountId(), filter(query, "service_id"), filter(query, "plan_id"), r.page()),
                            a -> render(a, r.baseUrl())));
                })
                .get("/admin/api/applications/find", r -> ok(applications.findBy(r.accountId(), r.fields(null)), r))
                .get(BASE, r -> ApiResponse.ok(Representation.list("applications", KEY,
                        applications.list(r.accountId(), r.id("account_id")), a -> render(a, r.baseUrl()))))
                .post(BASE, r -> {
                    Application created = applications.create(r.accountId(), r.id("account_id"), r.fields(KEY));
                    return ApiResponse.created(Representation.wrap(KEY, render(created, r.baseUrl())),
                            r.baseUrl() + path(created));
                })
                .get(ONE, r -> ok(applications.find(r.accountId(), r.id("account_id"), r.id("id")), r))
                .put(ONE, r -> ok(applications.update(r.accountId(), r.id("account_id"), r.id("id"),
                        r.fields(KEY)), r))
                .delete(ONE, r -> {
                    applications.delete(r.accountId(), r.id("account_id"), r.id("id"));
                    return ApiResponse.deleted();
                })
                .put(ONE + "/suspend", r -> ok(applications.suspend(r.accountId(), r.id("account_id"),
                        r.id("id")), r))
                .put(ONE + "/resume", r -> ok(applications.resume(r.accountId(), r.id("account_id"),
                        r.id("id")), r))
                .put(ONE + "/accept", r -> ok(applications.accept(r.accountId(), r.id("account_id"),
                        r.id("id")), r))
                .put(ONE + "/change_plan", r -> ok(applications.changePlan(r.accountId(), r.id("account_id"),
                        r.id("id"), r.fields(KEY)), r))
                .get(ONE + "/keys", r -> ApiResponse.ok(keys(applications.keys(r.accountId(),
                        r.id("account_id"), r.id("id")))))
                .post(ONE + "/keys", r -> {
                    Application updated = applications.addKey(r.accountId(), r.id("account_id"), r.id("id"),
                            r.fields(KEY));
                    return ApiResponse.created(Representation.wrap(KEY, render(updated, r.baseUrl())),
                            r.baseUrl() + path(updated) + "/keys");
                })
                .delete(ONE + "/keys/:key", r -> {
                    applications.deleteKey(r.accountId(), r.id("account_id"), r.id("id"), r.pathParam("key"));
                    return ApiResponse.deleted();
                });
    }

    private static ApiResponse ok(Application application, ApiRequest r) {
        return ApiResponse.ok(Representation.wrap(KEY, render(application, r.baseUrl())));
    }

    /** A numeric filter parameter; absent is 0 (any), anything unparsable -1 (matches nothing). */
    private static long filter(Fields query, String name) {
        return query.nonBlank(name).map(String::trim)
                .map(v -> v.length() <= 18 && v.chars().allMatch(Character::isDigit) ? Long.parseLong(v) : -1L)
                .orElse(0L);
    }

    private static ObjectNode keys(List<String> values) {
        ObjectNode root = Representation.object();
        var array = root.putArray("keys");
        values.forEach(v -> array.addObject().putObject("key").put("value", v));
        return root;
    }

    /** The application's URL path, under its developer account. */
    static String path(Application a) {
        return DeveloperJson.ACCOUNTS + "/" + a.buyerAccountId() + "/applications/" + a.id();
    }

    static ObjectNode render(Application a, String baseUrl) {
        ObjectNode node = Representation.object()
                .put("id", a.id())
                .put("state", a.state())
                .put("enabled", Application.LIVE.equals(a.state()));
        Representation.timestamps(node, a.createdAt(), a.updatedAt());
        node.put("service_id", a.serviceId())
                .put("plan_id", a.planId())
                .put("account_id", a.buyerAccountId());
        if (a.userKey() != null) {
            node.put("user_key", a.userKey());
        } else {
            node.put("application_id", a.appId());
            if (a.redirectUrl() != null) {
                node.put("redirect_url", a.redirectUrl());
            }
        }
        node.put("name", a.name())
                .put("description", a.description());
        Representation.link(node, "self", baseUrl, path(a));
        Representation.link(node, "account", baseUrl, DeveloperJson.ACCOUNTS + "/" + a.buyerAccountId());
        Representation.link(node, "plan", baseUrl, "/admin/api/services/" + a.serviceId() + "/application_plans/"
                + a.planId());
        Representation.link(node, "service", baseUrl, "/admin/api/services/" + a.serviceId());
        return node;
    }
}
