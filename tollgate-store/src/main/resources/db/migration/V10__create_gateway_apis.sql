-- Tollgate system database, version 10: API instances placed on registered gateways.
--
-- gateway_apis  a product bound to a registered gateway and a listener port (docs/decisions.md,
--               "API instance = product + placement"). Everything else about the API (backend,
--               usage, policy chain, proxy configurations) is the product's own. A product has at
--               most one placement; a port of a gateway carries at most one API. certificate_pem
--               and private_key are the listener's PEM texts for scheme 'https' and null for
--               'http'; the key is stored as given, because it is also part of every deployed
--               proxy configuration content the gateway reads (docs/admin-api/gateway-apis.md).

CREATE TABLE gateway_apis (
    id ${id_column},
    account_id BIGINT NOT NULL,
    service_id BIGINT NOT NULL,
    gateway_id BIGINT NOT NULL,
    port INTEGER NOT NULL,
    scheme VARCHAR(8) NOT NULL,
    certificate_pem ${long_text},
    private_key ${long_text},
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT fk_gateway_apis_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
    CONSTRAINT fk_gateway_apis_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE,
    CONSTRAINT fk_gateway_apis_gateway FOREIGN KEY (gateway_id) REFERENCES gateways (id) ON DELETE CASCADE,
    CONSTRAINT ck_gateway_apis_scheme CHECK (scheme IN ('http', 'https')),
    CONSTRAINT ck_gateway_apis_port CHECK (port BETWEEN 1 AND 65535)
)${table_options};
CREATE UNIQUE INDEX ux_gateway_apis_service ON gateway_apis (service_id);
CREATE UNIQUE INDEX ux_gateway_apis_port ON gateway_apis (gateway_id, port);
