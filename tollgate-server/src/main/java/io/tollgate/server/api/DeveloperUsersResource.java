package io.tollgate.server.api;

import io.tollgate.model.User;
import io.tollgate.server.domain.DeveloperUserService;
import io.tollgate.server.http.ApiRequest;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;

/**
 * {@code /admin/api/accounts/:account_id/users}: users of one of the tenant's developer accounts,
 * as {@code {"user":{…}}} and {@code {"users":[{"user":{…}}]}}.
 */
public final class DeveloperUsersResource implements Routes.Resource {
    private static final String BASE = DeveloperJson.ACCOUNTS + "/:account_id/users";
    private static final String KEY = "user";

    private final DeveloperUserService users;

    public DeveloperUsersResource(DeveloperUserService users) {
        this.users = users;
    }

    @Override
    public void register(Routes routes) {
        routes.get(BASE, r -> ApiResponse.ok(Representation.list("users", KEY,
                        users.list(r.accountId(), r.id("account_id")), u -> DeveloperJson.user(u, r.baseUrl()))))
                .post(BASE, r -> {
                    User created = users.create(r.accountId(), r.id("account_id"), r.fields(KEY));
                    return ApiResponse.created(Representation.wrap(KEY, DeveloperJson.user(created, r.baseUrl())),
                            r.baseUrl() + DeveloperJson.ACCOUNTS + "/" + created.accountId() + "/users/"
                                    + created.id());
                })
                .get(BASE + "/:id", r -> ok(users.find(r.accountId(), r.id("account_id"), r.id("id")), r))
                .put(BASE + "/:id", r -> ok(users.update(r.accountId(), r.id("account_id"), r.id("id"),
                        r.fields(KEY)), r))
                .delete(BASE + "/:id", r -> {
                    users.delete(r.accountId(), r.id("account_id"), r.id("id"));
                    return ApiResponse.deleted();
                })
                .put(BASE + "/:id/admin", r -> ok(users.changeRole(r.accountId(), r.id("account_id"), r.id("id"),
                        DeveloperUserService.ADMIN), r))
                .put(BASE + "/:id/member", r -> ok(users.changeRole(r.accountId(), r.id("account_id"), r.id("id"),
                        DeveloperUserService.MEMBER), r))
                .put(BASE + "/:id/suspend", r -> ok(users.suspend(r.accountId(), r.id("account_id"), r.id("id")), r))
                .put(BASE + "/:id/unsuspend", r -> ok(users.unsuspend(r.accountId(), r.id("account_id"),
                        r.id("id")), r))
                .put(BASE + "/:id/activate", r -> ok(users.activate(r.accountId(), r.id("account_id"),
                        r.id("id")), r));
    }

    private static ApiResponse ok(User user, ApiRequest r) {
        return ApiResponse.ok(Representation.wrap(KEY, DeveloperJson.user(user, r.baseUrl())));
    }
}
