package io.tollgate.server.http;

import java.util.Map;

/**
 * Which request field a unique index protects. Services check uniqueness before writing and give
 * the precise message; this covers the race where two requests pass that check at once and the
 * database's unique index stops the second.
 */
final class UniqueIndexes {
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("ux_accounts_subdomain", "subdomain"),
            Map.entry("ux_users_username", "username"),
            Map.entry("ux_users_email", "email"),
            Map.entry("ux_services_system_name", "system_name"),
            Map.entry("ux_backend_apis_system_name", "system_name"),
            Map.entry("ux_metrics_service_name", "system_name"),
            Map.entry("ux_metrics_backend_name", "system_name"),
            Map.entry("ux_backend_usages_backend", "backend_api_id"),
            Map.entry("ux_backend_usages_path", "path"),
            Map.entry("ux_features_system_name", "system_name"),
            Map.entry("ux_proxy_configs_version", "version"),
            Map.entry("ux_application_plans_system_name", "system_name"),
            Map.entry("ux_usage_limits_period", "period"),
            Map.entry("ux_plan_features_feature", "feature_id"),
            Map.entry("ux_applications_user_key", "user_key"),
            Map.entry("ux_applications_app_id", "application_id"),
            Map.entry("ux_application_keys_value", "key"),
            Map.entry("ux_referrer_filters_value", "referrer_filter"),
            Map.entry("ux_active_docs_system_name", "system_name"),
            Map.entry("ux_custom_policies_version", "version"),
            Map.entry("ux_gateway_apis_port", "port"));

    private UniqueIndexes() {
    }

    static String field(String index) {
        return FIELDS.getOrDefault(index, "base");
    }
}
