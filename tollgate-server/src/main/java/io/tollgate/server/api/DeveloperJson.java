package io.tollgate.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.model.Account;
import io.tollgate.model.User;

/**
 * The 3scale shapes of a developer account and of its users. Billing flags are always false (there
 * is no billing yet) and {@code extra_fields} is always empty; passwords are never shown.
 */
final class DeveloperJson {
    static final String ACCOUNTS = "/admin/api/accounts";

    private DeveloperJson() {
    }

    static ObjectNode account(Account a, String baseUrl) {
        ObjectNode node = Representation.object().put("id", a.id());
        Representation.timestamps(node, a.createdAt(), a.updatedAt());
        node.put("state", a.state())
                .put("org_name", a.orgName());
        node.putObject("extra_fields");
        node.put("monthly_billing_enabled", false)
                .put("monthly_charging_enabled", false)
                .put("credit_card_stored", false);
        String self = ACCOUNTS + "/" + a.id();
        Representation.link(node, "self", baseUrl, self);
        Representation.link(node, "users", baseUrl, self + "/users");
        return node;
    }

    static ObjectNode user(User u, String baseUrl) {
        ObjectNode node = Representation.object().put("id", u.id());
        Representation.timestamps(node, u.createdAt(), u.updatedAt());
        node.put("account_id", u.accountId())
                .put("state", u.state())
                .put("role", u.role())
                .put("username", u.username())
                .put("email", u.email());
        node.putObject("extra_fields");
        String account = ACCOUNTS + "/" + u.accountId();
        Representation.link(node, "self", baseUrl, account + "/users/" + u.id());
        Representation.link(node, "account", baseUrl, account);
        return node;
    }
}
