-- Who changed what and when, one row per successful admin API write. The audit log issue will
-- surface these rows; they are deleted with their tenant.

CREATE TABLE audits (
    id ${id_column},
    account_id BIGINT NOT NULL,
    user_id BIGINT,
    action VARCHAR(16) NOT NULL,
    http_method VARCHAR(8) NOT NULL,
    path VARCHAR(512) NOT NULL,
    entity_type VARCHAR(64) NOT NULL,
    entity_id BIGINT,
    status INT NOT NULL,
    changes ${long_text},
    created_at BIGINT NOT NULL,
    CONSTRAINT fk_audits_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
)${table_options};
CREATE INDEX ix_audits_account_time ON audits (account_id, created_at);
