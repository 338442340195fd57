-- Tollgate system database, version 1: tenants, users, tokens, products, backends, metrics,
-- mapping rules, backend usages, proxies and features.
--
-- One migration set for H2, PostgreSQL and MariaDB. The only engine differences are the four
-- placeholders set by io.tollgate.store.Dialect:
--   ${id_column}  an auto-generated BIGINT primary key
--   ${long_text}  text of unbounded length (proxy settings, OAS documents, policy chains)
--   ${bool}       a boolean column
--   ${table_options}  after each CREATE TABLE: on MariaDB, InnoDB (for the foreign keys) and the
--                 utf8mb4_bin collation, so text compares exactly as on H2 and PostgreSQL
--                 ("Pets" <> "pets", "e" <> "é") whatever the database's default collation is
-- Timestamps are BIGINT milliseconds since the epoch (UTC), so no engine converts time zones.
-- Identifiers avoid words any of the three engines reserves (key, value, position, default, ...).

CREATE TABLE accounts (
    id ${id_column},
    kind VARCHAR(16) NOT NULL,
    provider_account_id BIGINT,
    org_name VARCHAR(255) NOT NULL,
    subdomain VARCHAR(255),
    state VARCHAR(32) NOT NULL,
    support_email VARCHAR(255),
    finance_support_email VARCHAR(255),
    from_email VARCHAR(255),
    site_access_code VARCHAR(255),
    provider_key_hash VARCHAR(64),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT fk_accounts_provider FOREIGN KEY (provider_account_id) REFERENCES accounts (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_accounts_subdomain ON accounts (subdomain);
CREATE UNIQUE INDEX ux_accounts_provider_key ON accounts (provider_key_hash);
CREATE INDEX ix_accounts_provider ON accounts (provider_account_id);

CREATE TABLE users (
    id ${id_column},
    account_id BIGINT NOT NULL,
    username VARCHAR(255) NOT NULL,
    email VARCHAR(255) NOT NULL,
    password_hash VARCHAR(255),
    role VARCHAR(16) NOT NULL,
    state VARCHAR(32) NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT fk_users_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_users_username ON users (account_id, username);
CREATE UNIQUE INDEX ux_users_email ON users (account_id, email);

CREATE TABLE access_tokens (
    id ${id_column},
    user_id BIGINT NOT NULL,
    account_id BIGINT NOT NULL,
    name VARCHAR(255) NOT NULL,
    scopes VARCHAR(255) NOT NULL,
    permission VARCHAR(8) NOT NULL,
    value_hash VARCHAR(64) NOT NULL,
    expires_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT fk_access_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_access_tokens_value ON access_tokens (value_hash);
CREATE INDEX ix_access_tokens_user ON access_tokens (user_id);

CREATE TABLE services (
    id ${id_column},
    account_id BIGINT NOT NULL,
    name VARCHAR(255) NOT NULL,
    system_name VARCHAR(255) NOT NULL,
    description ${long_text},
    state VARCHAR(32) NOT NULL,
    backend_version VARCHAR(16) NOT NULL,
    deployment_option VARCHAR(32) NOT NULL,
    support_email VARCHAR(255),
    annotations ${long_text},
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT fk_services_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_services_system_name ON services (account_id, system_name);

CREATE TABLE backend_apis (
    id ${id_column},
    account_id BIGINT NOT NULL,
    name VARCHAR(255) NOT NULL,
    system_name VARCHAR(255) NOT NULL,
    description ${long_text},
    private_endpoint VARCHAR(255) NOT NULL,
    annotations ${long_text},
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT fk_backend_apis_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_backend_apis_system_name ON backend_apis (account_id, system_name);

-- A metric belongs to exactly one product (service_id) or one backend (backend_api_id).
-- Methods are metrics whose parent_id is the owner's "hits" metric.
CREATE TABLE metrics (
    id ${id_column},
    account_id BIGINT NOT NULL,
    service_id BIGINT,
    backend_api_id BIGINT,
    parent_id BIGINT,
    system_name VARCHAR(255) NOT NULL,
    friendly_name VARCHAR(255) NOT NULL,
    unit VARCHAR(255) NOT NULL,
    description ${long_text},
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT ck_metrics_owner CHECK ((service_id IS NULL AND backend_api_id IS NOT NULL)
        OR (service_id IS NOT NULL AND backend_api_id IS NULL)),
    CONSTRAINT fk_metrics_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE,
    CONSTRAINT fk_metrics_backend FOREIGN KEY (backend_api_id) REFERENCES backend_apis (id) ON DELETE CASCADE,
    CONSTRAINT fk_metrics_parent FOREIGN KEY (parent_id) REFERENCES metrics (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_metrics_service_name ON metrics (service_id, system_name);
CREATE UNIQUE INDEX ux_metrics_backend_name ON metrics (backend_api_id, system_name);
CREATE INDEX ix_metrics_parent ON metrics (parent_id);

-- Mapping rules, owned by a product or a backend like metrics. rule_position orders them 1..n per owner.
CREATE TABLE mapping_rules (
    id ${id_column},
    account_id BIGINT NOT NULL,
    service_id BIGINT,
    backend_api_id BIGINT,
    metric_id BIGINT NOT NULL,
    http_method VARCHAR(16) NOT NULL,
    pattern VARCHAR(255) NOT NULL,
    delta BIGINT NOT NULL,
    rule_position INT NOT NULL,
    is_last ${bool} NOT NULL,
    redirect_url VARCHAR(255),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT ck_mapping_rules_owner CHECK ((service_id IS NULL AND backend_api_id IS NOT NULL)
        OR (service_id IS NOT NULL AND backend_api_id IS NULL)),
    CONSTRAINT fk_mapping_rules_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE,
    CONSTRAINT fk_mapping_rules_backend FOREIGN KEY (backend_api_id) REFERENCES backend_apis (id) ON DELETE CASCADE,
    CONSTRAINT fk_mapping_rules_metric FOREIGN KEY (metric_id) REFERENCES metrics (id) ON DELETE CASCADE
)${table_options};
CREATE INDEX ix_mapping_rules_service ON mapping_rules (service_id, rule_position);
CREATE INDEX ix_mapping_rules_backend ON mapping_rules (backend_api_id, rule_position);
CREATE INDEX ix_mapping_rules_metric ON mapping_rules (metric_id);

CREATE TABLE backend_usages (
    id ${id_column},
    account_id BIGINT NOT NULL,
    service_id BIGINT NOT NULL,
    backend_api_id BIGINT NOT NULL,
    path VARCHAR(255) NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT fk_backend_usages_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE,
    CONSTRAINT fk_backend_usages_backend FOREIGN KEY (backend_api_id) REFERENCES backend_apis (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_backend_usages_backend ON backend_usages (service_id, backend_api_id);
CREATE UNIQUE INDEX ux_backend_usages_path ON backend_usages (service_id, path);
CREATE INDEX ix_backend_usages_backend ON backend_usages (backend_api_id);

-- The gateway-facing settings of a product. settings, policies_config and oidc_configuration are
-- JSON documents whose shapes are defined by io.tollgate.model (ProxySettings, PolicyConfig, ...).
CREATE TABLE proxies (
    id ${id_column},
    account_id BIGINT NOT NULL,
    service_id BIGINT NOT NULL,
    settings ${long_text} NOT NULL,
    policies_config ${long_text} NOT NULL,
    oidc_configuration ${long_text} NOT NULL,
    lock_version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT fk_proxies_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_proxies_service ON proxies (service_id);

CREATE TABLE features (
    id ${id_column},
    account_id BIGINT NOT NULL,
    service_id BIGINT NOT NULL,
    name VARCHAR(255) NOT NULL,
    system_name VARCHAR(255) NOT NULL,
    description ${long_text},
    scope VARCHAR(32) NOT NULL,
    visible ${bool} NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT fk_features_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_features_system_name ON features (service_id, system_name);
