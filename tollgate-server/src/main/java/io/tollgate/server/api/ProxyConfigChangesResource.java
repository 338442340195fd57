package io.tollgate.server.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.common.ValidationException;
import io.tollgate.server.domain.ProxyConfigChanges;
import io.tollgate.server.domain.ProxyConfigService;
import io.tollgate.server.http.Access;
import io.tollgate.server.http.ApiRequest;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /admin/api/account/proxy_configs/:env/changes?since=<token>&wait=<seconds>}: a long
 * poll that answers {@code {"token":"…","changed":…}} at once when the tenant's configuration token
 * in that environment differs from {@code since} (or no {@code since} is given), else as soon as it
 * changes, or after {@code wait} seconds (default {@value #DEFAULT_WAIT}, at most {@value #MAX_WAIT})
 * with the unchanged token. Gateways keep one such request open to see a deploy or a promotion
 * within a second. The wait holds no worker thread ({@link ApiResponse#later}). The master's
 * {@code /master/api/proxy/configs/:env/changes} does the same over every active tenant.
 */
public final class ProxyConfigChangesResource implements Routes.Resource {
    static final int DEFAULT_WAIT = 25;
    static final int MAX_WAIT = 60;

    private final ProxyConfigChanges changes;

    public ProxyConfigChangesResource(ProxyConfigChanges changes) {
        this.changes = requireNonNull(changes, "changes");
    }

    @Override
    public void register(Routes routes) {
        routes.get("/admin/api/account/proxy_configs/:env/changes", r -> changes(r, r.accountId()))
                .add("GET", "/master/api/proxy/configs/:env/changes", Access.reading().forMaster(),
                        r -> changes(r, ProxyConfigChanges.ALL_TENANTS));
    }

    /** @param accountId the tenant, or {@link ProxyConfigChanges#ALL_TENANTS} for the master's listing */
    private ApiResponse changes(ApiRequest r, long accountId) {
        String environment = ProxyConfigService.environment(r.pathParam("env"));
        int wait = waitSeconds(r.params().get("wait"));
        JsonNode sinceParam = r.params().get("since");
        String since = sinceParam == null || sinceParam.isNull() || sinceParam.isContainerNode() ? ""
                : sinceParam.asText().trim();
        String token = changes.token(accountId, environment);
        if (since.isEmpty() || !since.equals(token) || wait == 0) {
            return answer(token, !since.isEmpty() && !since.equals(token));
        }
        CompletableFuture<String> waiting = changes.await(accountId, environment, since, Duration.ofSeconds(wait));
        CompletableFuture<ApiResponse> answer = waiting.thenApply(now -> answer(now, !now.equals(since)));
        // Cancelling the answer (the client went away) must reach the waiter, which thenApply does not do.
        answer.whenComplete((response, failure) -> {
            if (answer.isCancelled()) {
                waiting.cancel(false);
            }
        });
        return ApiResponse.later(answer);
    }

    /** The {@code wait} parameter: seconds, 0 to {@value #MAX_WAIT}, default {@value #DEFAULT_WAIT}; also the gateway API's. */
    public static int waitSeconds(JsonNode value) {
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return DEFAULT_WAIT;
        }
        String text = value.isContainerNode() ? "" : value.asText().trim();
        if (text.isEmpty() || text.length() > 2 || !text.chars().allMatch(Character::isDigit)
                || Integer.parseInt(text) > MAX_WAIT) {
            throw ValidationException.of("wait", "must be a whole number of seconds from 0 to " + MAX_WAIT);
        }
        return Integer.parseInt(text);
    }

    private static ApiResponse answer(String token, boolean changed) {
        return ApiResponse.ok(Representation.object().put("token", token).put("changed", changed));
    }
}
