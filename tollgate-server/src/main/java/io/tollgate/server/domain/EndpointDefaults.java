package io.tollgate.server.domain;

import java.util.Locale;

/**
 * Default public base URLs of a new product and default tenant host names, built under one
 * wildcard domain: {@code http://<product>-<tenant>.production.<domain>:<port>} and
 * {@code http://<product>-<tenant>.staging.<domain>:<port>}, so that the gateways can route every
 * product of every tenant by Host. With the default domain {@code localhost} these names resolve
 * to the loopback address on most systems.
 */
public record EndpointDefaults(String wildcardDomain, int productionPort, int stagingPort) {
    public static final EndpointDefaults LOCAL = new EndpointDefaults("localhost", 8080, 8090);

    public String production(String productSystemName, String tenant) {
        return url(label(productSystemName) + "-" + label(tenant) + ".production." + wildcardDomain, productionPort);
    }

    public String staging(String productSystemName, String tenant) {
        return url(label(productSystemName) + "-" + label(tenant) + ".staging." + wildcardDomain, stagingPort);
    }

    /** The tenant's developer-facing host name. */
    public String tenantDomain(String tenant) {
        return label(tenant) + "." + wildcardDomain;
    }

    /** The tenant's admin host name. */
    public String tenantAdminDomain(String tenant) {
        return label(tenant) + "-admin." + wildcardDomain;
    }

    private static String url(String host, int port) {
        return "http://" + host + (port == 80 ? "" : ":" + port);
    }

    /** Host names allow letters, digits and '-', not '_'. */
    private static String label(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-').replaceAll("[^a-z0-9-]", "-");
    }
}
