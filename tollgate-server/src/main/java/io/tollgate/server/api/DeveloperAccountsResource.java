package io.tollgate.server.api;

import io.tollgate.model.Account;
import io.tollgate.server.domain.DeveloperAccountService;
import io.tollgate.server.http.ApiRequest;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;

/**
 * {@code /admin/api/accounts} and {@code /admin/api/signup}: the calling tenant's developer
 * accounts, as {@code {"account":{…}}} and {@code {"accounts":[{"account":{…}}]}}.
 */
public final class DeveloperAccountsResource implements Routes.Resource {
    private static final String BASE = DeveloperJson.ACCOUNTS;
    private static final String KEY = "account";

    private final DeveloperAccountService accounts;

    public DeveloperAccountsResource(DeveloperAccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public void register(Routes routes) {
        // "find" before ":id", so that it is not taken for an id.
        routes.get(BASE, r -> ApiResponse.ok(Representation.list("accounts", KEY,
                        accounts.list(r.accountId(), r.fields(null).nonBlank("state"), r.page()),
                        a -> DeveloperJson.account(a, r.baseUrl()))))
                .get(BASE + "/find", r -> ok(accounts.findBy(r.accountId(), r.fields(null)), r))
                .post("/admin/api/signup", r -> {
                    Account created = accounts.signup(r.accountId(), r.fields(KEY));
                    return ApiResponse.created(Representation.wrap(KEY, DeveloperJson.account(created, r.baseUrl())),
                            r.baseUrl() + BASE + "/" + created.id());
                })
                .get(BASE + "/:id", r -> ok(accounts.find(r.accountId(), r.id("id")), r))
                .put(BASE + "/:id", r -> ok(accounts.update(r.accountId(), r.id("id"), r.fields(KEY)), r))
                .delete(BASE + "/:id", r -> {
                    accounts.delete(r.accountId(), r.id("id"));
                    return ApiResponse.deleted();
                })
                .put(BASE + "/:id/approve", r -> state(r, DeveloperAccountService.APPROVED))
                .put(BASE + "/:id/reject", r -> state(r, DeveloperAccountService.REJECTED))
                .put(BASE + "/:id/make_pending", r -> state(r, DeveloperAccountService.PENDING));
    }

    private ApiResponse state(ApiRequest r, String state) {
        return ok(accounts.changeState(r.accountId(), r.id("id"), state), r);
    }

    private static ApiResponse ok(Account account, ApiRequest r) {
        return ApiResponse.ok(Representation.wrap(KEY, DeveloperJson.account(account, r.baseUrl())));
    }
}
