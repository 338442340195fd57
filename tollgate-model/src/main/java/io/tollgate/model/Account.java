package io.tollgate.model;

import java.time.Instant;

/**
 * An account: the master, a tenant (provider) or, later, a developer (buyer) of a tenant.
 *
 * @param providerAccountId the owning account: the master for tenants, the tenant for developers,
 *                          {@code null} for the master itself
 * @param subdomain         tenants only: the unique name used to build the tenant's host names
 */
public record Account(
        long id,
        AccountKind kind,
        Long providerAccountId,
        String orgName,
        String subdomain,
        String state,
        Contact contact,
        Instant createdAt,
        Instant updatedAt) {

    /** Addresses and codes shown to developers; all optional. */
    public record Contact(String supportEmail, String financeSupportEmail, String fromEmail, String siteAccessCode) {
        public static final Contact EMPTY = new Contact(null, null, null, null);
    }

    public boolean isMaster() {
        return kind == AccountKind.MASTER;
    }
}
