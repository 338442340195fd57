package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.TokenScope;
import io.tollgate.server.domain.StatsQuery;
import io.tollgate.server.domain.StatsService;
import io.tollgate.server.http.Access;
import io.tollgate.server.http.ApiResponse;
import io.tollgate.server.http.Routes;

/**
 * {@code /stats/applications/:id/usage}: the 3scale Analytics API's application usage, for tokens
 * with the {@code stats} or {@code account_management} scope (read-only ones too) and provider keys.
 */
public final class StatsResource implements Routes.Resource {
    private static final Access STATS = Access.reading().orScope(TokenScope.STATS);

    private final StatsService stats;

    public StatsResource(StatsService stats) {
        this.stats = stats;
    }

    @Override
    public void register(Routes routes) {
        routes.add("GET", "/stats/applications/:id/usage", STATS, r -> ApiResponse.ok(render(
                stats.applicationUsage(r.accountId(), r.id("id"), r.fields(null)))));
    }

    static ObjectNode render(StatsService.Usage usage) {
        ObjectNode root = Representation.object();
        root.putObject("metric")
                .put("id", usage.metric().id())
                .put("name", usage.metric().friendlyName())
                .put("system_name", usage.metricName())
                .put("unit", usage.metric().unit());
        StatsQuery query = usage.query();
        root.putObject("period")
                .put("name", query.periodName())
                .put("since", Representation.timestamp(query.since()))
                .put("until", Representation.timestamp(query.until()))
                .put("timezone", "Etc/UTC")
                .put("granularity", query.granularity().code());
        root.put("total", usage.total());
        ArrayNode values = root.putArray("values");
        usage.values().forEach(values::add);
        ObjectNode application = root.putObject("application")
                .put("id", usage.application().id())
                .put("name", usage.application().name())
                .put("state", usage.application().state());
        application.putObject("plan")
                .put("id", usage.plan().id())
                .put("name", usage.plan().name());
        application.putObject("account")
                .put("id", usage.buyer().id())
                .put("name", usage.buyer().orgName());
        return root;
    }
}
