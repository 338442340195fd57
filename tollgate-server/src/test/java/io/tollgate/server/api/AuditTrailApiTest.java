package io.tollgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.model.Audit;
import io.tollgate.server.testing.PlatformTest;
import io.tollgate.store.AuditDao;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every successful write leaves an audit row: who, what, when; reads and failures leave none. */
class AuditTrailApiTest extends PlatformTest {

    private List<Audit> audits(long accountId) {
        return platform.database().read(h -> h.attach(AuditDao.class).list(accountId, 50, 0));
    }

    private long tenantId() {
        return admin.get("/admin/api/provider.json").at("/account/id").asLong();
    }

    @Test
    void recordsCreateUpdateAndDeleteWithWhoAndWhat() {
        long tenant = tenantId();
        int before = audits(tenant).size();
        long id = admin.post("/admin/api/services.json", Map.of("service", Map.of("name", "Audited")))
                .at("/service/id").asLong();
        admin.put("/admin/api/services/" + id + ".json", Map.of("service", Map.of("description", "changed")));
        admin.delete("/admin/api/services/" + id + ".json");

        List<Audit> rows = audits(tenant);
        assertThat(rows).hasSize(before + 3);
        Audit delete = rows.get(0);
        Audit update = rows.get(1);
        Audit create = rows.get(2);
        assertThat(create.action()).isEqualTo("create");
        assertThat(create.entityType()).isEqualTo("services");
        assertThat(create.entityId()).isEqualTo(id);
        assertThat(create.userId()).isNotNull();
        assertThat(create.status()).isEqualTo(201);
        assertThat(create.changes()).contains("\"name\":\"Audited\"");
        assertThat(update.action()).isEqualTo("update");
        assertThat(update.path()).isEqualTo("/admin/api/services/" + id);
        assertThat(update.entityType()).isEqualTo("services/:id");
        assertThat(update.changes()).contains("changed");
        assertThat(delete.action()).isEqualTo("delete");
        assertThat(delete.entityId()).isEqualTo(id);
        assertThat(delete.createdAt()).isNotNull();
    }

    @Test
    void readsAndFailedWritesAreNotRecorded() {
        long tenant = tenantId();
        int before = audits(tenant).size();
        admin.get("/admin/api/services.json");
        admin.post("/admin/api/services.json", Map.of("service", Map.of("name", "")));
        assertThat(audits(tenant)).hasSize(before);
    }

    @Test
    void secretsInRequestsAreRedacted() {
        long master = platform.master().get("/admin/api/provider.json").at("/account/id").asLong();
        assertThat(platform.master().post("/master/api/providers.json", Map.of("org_name", "Audited Org",
                "username", "audited", "email", "audited@example.com", "password", "very-secret-password"))
                .status()).isEqualTo(201);
        Audit row = audits(master).get(0);
        assertThat(row.path()).isEqualTo("/master/api/providers");
        assertThat(row.changes()).contains("Audited Org").doesNotContain("very-secret-password")
                .contains("\"password\":\"[redacted]\"");
    }
}
