package io.tollgate.model;

import java.time.Instant;
import java.util.List;

/**
 * One deployed version of a product's gateway configuration in an environment. Immutable once
 * written: a deploy or a promote adds the next version.
 *
 * @param environment "sandbox" or "production"
 * @param version     1..n per product and environment
 * @param content     the gateway configuration as a JSON text (docs/proxy-config-content.md)
 * @param hosts       the lower-cased hosts the content answers for
 */
public record ProxyConfig(
        long id,
        long accountId,
        long serviceId,
        String environment,
        int version,
        String content,
        List<String> hosts,
        Instant createdAt) {

    public static final String SANDBOX = "sandbox";
    public static final String PRODUCTION = "production";

    public ProxyConfig {
        hosts = List.copyOf(hosts);
    }
}
