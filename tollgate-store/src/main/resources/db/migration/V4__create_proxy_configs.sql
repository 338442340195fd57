-- Tollgate system database, version 4: proxy configurations, the gateway configuration of a
-- product as deployed to an environment ('sandbox' or 'production'), numbered 1..n per product
-- and environment. A row is never changed once written; a new deploy or promote adds a version.
--
-- content  the complete gateway configuration as JSON (docs/proxy-config-content.md)
-- hosts    the lower-cased hosts of that content, comma-separated with a leading and trailing
--          comma (",api.example.com,api-staging.example.com,"), so that the gateways' host filter
--          is one LIKE '%,host,%' on every engine without parsing the content

CREATE TABLE proxy_configs (
    id ${id_column},
    account_id BIGINT NOT NULL,
    service_id BIGINT NOT NULL,
    environment VARCHAR(16) NOT NULL,
    version INT NOT NULL,
    content ${long_text} NOT NULL,
    hosts VARCHAR(2048) NOT NULL,
    created_at BIGINT NOT NULL,
    CONSTRAINT fk_proxy_configs_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_proxy_configs_version ON proxy_configs (service_id, environment, version);
CREATE INDEX ix_proxy_configs_account ON proxy_configs (account_id, environment, service_id);
