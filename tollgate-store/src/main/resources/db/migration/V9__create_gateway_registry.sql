-- Tollgate system database, version 9: registered gateways and what registers them.
--
-- certificate_authorities      the installation's private CA (one row, singleton = 'installation'):
--                              its certificate (PEM) and its private key, PKCS#8 PEM when
--                              key_protection is 'none', AES-256-GCM ciphertext under the
--                              installation secret (TOLLGATE_SECRET_KEY) when 'aes-256-gcm'.
--                              The key never leaves the server; it is in the DB so that every
--                              replica signs with the same CA and a backup of the DB covers it.
-- gateway_registration_tokens  one-time tokens an admin mints to register one gateway; only their
--                              SHA-256 digest is kept. used_at is set when a registration spends it.
-- gateways                     the registry, per tenant and environment. A deleted gateway keeps its
--                              row (deleted_at), so its name is never given again.
-- connected_apps               client id + secret (SHA-256 digest only) with scopes, for unattended
--                              certificate renewal.

CREATE TABLE certificate_authorities (
    id ${id_column},
    singleton VARCHAR(16) NOT NULL,
    certificate_pem ${long_text} NOT NULL,
    private_key ${long_text} NOT NULL,
    key_protection VARCHAR(16) NOT NULL,
    created_at BIGINT NOT NULL
)${table_options};
CREATE UNIQUE INDEX ux_certificate_authorities_singleton ON certificate_authorities (singleton);

CREATE TABLE gateway_registration_tokens (
    id ${id_column},
    account_id BIGINT NOT NULL,
    environment VARCHAR(16) NOT NULL,
    token_hash VARCHAR(64) NOT NULL,
    created_by BIGINT,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    created_at BIGINT NOT NULL,
    CONSTRAINT fk_gateway_tokens_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_gateway_registration_tokens_hash ON gateway_registration_tokens (token_hash);

CREATE TABLE gateways (
    id ${id_column},
    account_id BIGINT NOT NULL,
    environment VARCHAR(16) NOT NULL,
    name VARCHAR(255) NOT NULL,
    connected_mode ${bool} NOT NULL,
    version VARCHAR(255),
    last_seen_at BIGINT,
    certificate_serial VARCHAR(64) NOT NULL,
    certificate_expires_at BIGINT NOT NULL,
    deleted_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT fk_gateways_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_gateways_name ON gateways (account_id, environment, name);

CREATE TABLE connected_apps (
    id ${id_column},
    account_id BIGINT NOT NULL,
    name VARCHAR(255) NOT NULL,
    client_id VARCHAR(64) NOT NULL,
    secret_hash VARCHAR(64) NOT NULL,
    scopes VARCHAR(255) NOT NULL,
    created_at BIGINT NOT NULL,
    CONSTRAINT fk_connected_apps_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_connected_apps_client_id ON connected_apps (client_id);
