-- Tollgate system database, version 8: what the toolbox CLI manages beyond version 7.
--
-- active_docs      OpenAPI documents (3scale "ActiveDocs") of a tenant, optionally tied to one of its
--                  products. body is the document as JSON text, stored as sent. The system name is
--                  unique per tenant. Deleting the product deletes its documents.
-- custom_policies  the tenant's policy registry: custom gateway policies, one row per name and
--                  version; schema is the policy manifest as JSON text.

CREATE TABLE active_docs (
    id ${id_column},
    account_id BIGINT NOT NULL,
    service_id BIGINT,
    name VARCHAR(255) NOT NULL,
    system_name VARCHAR(255) NOT NULL,
    description ${long_text},
    published ${bool} NOT NULL,
    skip_swagger_validations ${bool} NOT NULL,
    body ${long_text} NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT fk_active_docs_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
    CONSTRAINT fk_active_docs_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_active_docs_system_name ON active_docs (account_id, system_name);
CREATE INDEX ix_active_docs_service ON active_docs (service_id);

CREATE TABLE custom_policies (
    id ${id_column},
    account_id BIGINT NOT NULL,
    name VARCHAR(255) NOT NULL,
    version VARCHAR(255) NOT NULL,
    policy_schema ${long_text} NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT fk_custom_policies_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_custom_policies_version ON custom_policies (account_id, name, version);
