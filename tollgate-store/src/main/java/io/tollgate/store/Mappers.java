package io.tollgate.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tollgate.model.Account;
import io.tollgate.model.AccountKind;
import io.tollgate.model.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Column helpers shared by the row mappers. */
final class Mappers {
    private Mappers() {
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static Map<String, String> annotations(ResultSet rs, String column) throws SQLException {
        String json = rs.getString(column);
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return Json.MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("column " + column + " holds invalid JSON", e);
        }
    }

    static String annotationsJson(Map<String, String> annotations) {
        return annotations == null || annotations.isEmpty() ? null : Json.write(annotations);
    }

    static Account account(ResultSet rs) throws SQLException {
        return new Account(
                rs.getLong("id"),
                AccountKind.fromWire(rs.getString("kind")),
                nullableLong(rs, "provider_account_id"),
                rs.getString("org_name"),
                rs.getString("subdomain"),
                rs.getString("state"),
                new Account.Contact(rs.getString("support_email"), rs.getString("finance_support_email"),
                        rs.getString("from_email"), rs.getString("site_access_code")),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
