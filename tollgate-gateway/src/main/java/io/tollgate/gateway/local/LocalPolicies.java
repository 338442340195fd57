package io.tollgate.gateway.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns policy references into builtin policy chain entries (docs/gateway-local-mode.md, "Policies"):
 * the local-mode names ({@code http-basic-authentication}, {@code rate-limiting} …) with their own
 * configuration fields, translated here and checked field by field; and the builtin names
 * ({@code basic_auth}, {@code url_rewriting} …) with the builtin configuration, which the policy itself
 * checks. {@code client-id-enforcement} and {@code tls} are not chain entries of their own kind: the
 * first makes the instance metered ({@code apicast}), the second gives its listener a certificate.
 */
final class LocalPolicies {
    /** The local-mode names and the builtin policy each becomes. */
    static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("http-basic-authentication", "basic_auth"),
            Map.entry("ip-allowlist", "ip_check"),
            Map.entry("ip-blocklist", "ip_check"),
            Map.entry("rate-limiting", "rate_limit"),
            Map.entry("header-injection", "headers"),
            Map.entry("header-removal", "headers"),
            Map.entry("cors", "cors"),
            Map.entry("client-id-enforcement", "apicast"),
            Map.entry("tls", "(listener)"));
    /** Builtin names a binding may use directly (apicast only through client-id-enforcement). */
    private static final Set<String> BUILTIN = Set.of("basic_auth", "headers", "ip_check", "url_rewriting",
            "upstream", "maintenance_mode", "payload_limits", "rate_limit");

    private LocalPolicies() {
    }

    /** Every name a binding may use, for messages. */
    static String known() {
        Set<String> all = new TreeSet<>(NAMES.keySet());
        all.addAll(BUILTIN);
        return String.join(", ", all);
    }

    /**
     * Adds what {@code binding} means to {@code draft}.
     *
     * @param redisUrl the shared storage's URL (a Configuration's {@code sharedStorage.redis}), or null
     */
    static void apply(Binding binding, InstanceDraft draft, String redisUrl) {
        Node config = binding.config();
        String origin = binding.configWhere();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        String builtin;
        switch (binding.policy()) {
            case "http-basic-authentication" -> {
                config.only("username", "password", "realm");
                out.put("username", config.get("username").requiredString());
                out.put("password", config.get("password").string().orElseThrow(() -> config.get("password")
                        .fail("missing")));
                config.get("realm").string().ifPresent(r -> out.put("realm", r));
                builtin = "basic_auth";
            }
            case "ip-allowlist", "ip-blocklist" -> {
                config.only("ips", "message");
                ArrayNode ips = out.put("check_type", binding.policy().equals("ip-allowlist") ? "whitelist"
                        : "blacklist").putArray("ips");
                List<Node> list = config.get("ips").list();
                if (list.isEmpty()) {
                    throw config.get("ips").fail("missing (expected: a list of addresses and CIDRs)");
                }
                list.forEach(ip -> ips.add(ip.requiredString()));
                config.get("message").string().ifPresent(m -> out.put("error_msg", m));
                builtin = "ip_check";
            }
            case "rate-limiting" -> {
                rateLimiting(config, out, redisUrl);
                builtin = "rate_limit";
            }
            case "header-injection" -> {
                config.only("inboundHeaders", "outboundHeaders");
                headers(config.get("inboundHeaders"), out.putArray("request"), true);
                headers(config.get("outboundHeaders"), out.putArray("response"), true);
                builtin = "headers";
            }
            case "header-removal" -> {
                config.only("inboundHeaders", "outboundHeaders");
                headers(config.get("inboundHeaders"), out.putArray("request"), false);
                headers(config.get("outboundHeaders"), out.putArray("response"), false);
                builtin = "headers";
            }
            case "cors" -> {
                out.setAll(config.object());
                builtin = "cors";
            }
            case "client-id-enforcement" -> {
                clientId(config, draft);
                builtin = "apicast";
            }
            case "tls" -> {
                tls(config, draft, binding);
                return;
            }
            default -> {
                if (!BUILTIN.contains(binding.policy())) {
                    throw binding.at().get("policyRef").get("name").fail(Node.quote(binding.policy())
                            + " (expected: one of " + known() + ")");
                }
                out.setAll(config.object());
                builtin = binding.policy();
            }
        }
        ObjectNode entry = draft.entry(builtin, out, origin);
        List<Node> rules = binding.rules();
        if (!rules.isEmpty()) {
            entry.set("rules", Rules.translate(rules));
        }
    }

    private static void rateLimiting(Node config, ObjectNode out, String redisUrl) {
        config.only("rateLimits", "keySelector", "clusterizable");
        List<Node> limits = config.get("rateLimits").list();
        if (limits.isEmpty()) {
            throw config.get("rateLimits").fail("missing (expected: a list of {maximumRequests, "
                    + "timePeriodInMilliseconds})");
        }
        String key = config.get("keySelector").string().filter(s -> !s.isBlank()).orElse(null);
        ArrayNode windows = out.putArray("fixed_window_limiters");
        for (int i = 0; i < limits.size(); i++) {
            Node limit = limits.get(i).only("maximumRequests", "timePeriodInMilliseconds");
            long count = limit.get("maximumRequests").number(1, Integer.MAX_VALUE)
                    .orElseThrow(() -> limit.get("maximumRequests").fail("missing"));
            Node periodNode = limit.get("timePeriodInMilliseconds");
            long period = periodNode.number(1000, 86_400_000L).orElseThrow(() -> periodNode.fail("missing"));
            if (period % 1000 != 0) {
                throw periodNode.fail(period + " (expected: whole seconds, a multiple of 1000)");
            }
            ObjectNode window = windows.addObject().put("count", count).put("window", period / 1000);
            ObjectNode k = window.putObject("key");
            // One key per limit, so two limits of one binding count separately.
            k.put("name", (key == null ? "instance" : key) + "#" + i).put("name_type", key == null ? "plain" : "liquid")
                    .put("scope", "service");
        }
        boolean shared = config.get("clusterizable").bool().orElse(true);
        if (shared && redisUrl != null) {
            out.put("redis_url", redisUrl);
        }
    }

    private static void headers(Node list, ArrayNode commands, boolean inject) {
        for (Node h : list.list()) {
            if (inject) {
                h.only("key", "value");
                commands.addObject().put("op", "set").put("header", h.get("key").requiredString())
                        .put("value", h.get("value").string().orElse(""));
            } else {
                commands.addObject().put("op", "delete").put("header", h.requiredString());
            }
        }
    }

    private static void clientId(Node config, InstanceDraft draft) {
        config.only("productId", "credentials", "location", "userKeyName", "appIdName", "appKeyName", "metric");
        if (draft.meteredProductId != null) {
            throw config.fail("client-id-enforcement is bound to this API instance twice");
        }
        draft.meteredProductId = config.get("productId").number(1, Long.MAX_VALUE)
                .orElseThrow(() -> config.get("productId").fail("missing (expected: the id of the control plane's"
                        + " product whose applications may call this API instance)"));
        String credentials = oneOf(config.get("credentials"), "user_key", List.of("user_key", "app_id"));
        draft.product.put("backend_version", credentials.equals("user_key") ? "1" : "2");
        ObjectNode proxy = draft.proxy;
        proxy.put("credentials_location", oneOf(config.get("location"), "query",
                List.of("query", "headers", "authorization")));
        config.get("userKeyName").string().ifPresent(v -> proxy.put("auth_user_key", v));
        config.get("appIdName").string().ifPresent(v -> proxy.put("auth_app_id", v));
        config.get("appKeyName").string().ifPresent(v -> proxy.put("auth_app_key", v));
        String metric = config.get("metric").string().orElse("hits");
        proxy.putArray("proxy_rules").addObject().put("http_method", "ANY").put("pattern", "/")
                .put("metric_system_name", metric).put("delta", 1);
    }

    private static void tls(Node config, InstanceDraft draft, Binding binding) {
        config.only("certificate", "key");
        if (!binding.rules().isEmpty()) {
            throw binding.at().get("rules").fail("not allowed for tls (it applies to the whole port)");
        }
        if (draft.tlsWhere != null) {
            throw config.fail("a second tls binding for this API instance (the first is " + draft.tlsWhere + ")");
        }
        draft.tlsWhere = binding.at().where();
        draft.listener.put("certificate", pem(config.get("certificate")));
        draft.listener.put("key", pem(config.get("key")));
    }

    private static String pem(Node node) {
        String path = node.requiredString();
        if (!java.nio.file.Files.isReadable(java.nio.file.Path.of(path))) {
            throw node.fail(path + " (expected: a readable PEM file)");
        }
        return path;
    }

    static String oneOf(Node node, String fallback, List<String> allowed) {
        String value = node.string().orElse(fallback).toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw node.fail(Node.quote(value) + " (expected: one of " + String.join(", ", allowed) + ")");
        }
        return value;
    }
}
