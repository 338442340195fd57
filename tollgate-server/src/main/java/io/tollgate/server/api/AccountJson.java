package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.Account;
import io.tollgate.model.User;
import io.tollgate.server.domain.EndpointDefaults;
import java.util.List;

/** The account shape shared by the master API (tenants) and {@code /admin/api/provider}. */
public final class AccountJson {
    private AccountJson() {
    }

    /**
     * @param selfPath where the caller reads this account: {@code /admin/api/provider} for the
     *                 tenant itself, {@code /master/api/providers/{id}} for the master
     */
    public static ObjectNode render(Account a, List<User> users, EndpointDefaults endpoints, String baseUrl,
            String selfPath) {
        ObjectNode node = Representation.object()
                .put("id", a.id());
        Representation.timestamps(node, a.createdAt(), a.updatedAt());
        node.put("state", a.state())
                .put("org_name", a.orgName());
        if (a.subdomain() != null) {
            node.put("domain", endpoints.tenantDomain(a.subdomain()))
                    .put("admin_domain", endpoints.tenantAdminDomain(a.subdomain()))
                    .put("base_url", "http://" + endpoints.tenantDomain(a.subdomain()))
                    .put("admin_base_url", "http://" + endpoints.tenantAdminDomain(a.subdomain()));
        }
        node.put("support_email", a.contact().supportEmail())
                .put("finance_support_email", a.contact().financeSupportEmail())
                .put("from_email", a.contact().fromEmail())
                .put("site_access_code", a.contact().siteAccessCode());
        ArrayNode userList = node.putArray("users");
        users.forEach(u -> userList.add(Representation.wrap("user", user(u))));
        Representation.link(node, "self", baseUrl, selfPath);
        return node;
    }

    public static ObjectNode user(User u) {
        ObjectNode node = Representation.object()
                .put("id", u.id())
                .put("account_id", u.accountId())
                .put("state", u.state())
                .put("role", u.role())
                .put("username", u.username())
                .put("email", u.email());
        Representation.timestamps(node, u.createdAt(), u.updatedAt());
        return node;
    }
}
