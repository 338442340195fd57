-- Tollgate system database, version 11: what registered gateways report of their traffic.
--
-- gateway_traffic  requests a gateway answered per product, environment and hour (UTC, hour_start in
--                  milliseconds since the epoch), by status class; heartbeats add to the row of the
--                  hour they arrive in. service_id is the control plane's product, 0 for an API
--                  instance a local-mode gateway declares itself (then api_name tells them apart);
--                  api_name is the product's system name or the instance's name. service_id has no
--                  foreign key: the history outlives a deleted product. Rows go with their tenant.

CREATE TABLE gateway_traffic (
    id ${id_column},
    account_id BIGINT NOT NULL,
    gateway_id BIGINT NOT NULL,
    service_id BIGINT NOT NULL,
    api_name VARCHAR(255) NOT NULL,
    environment VARCHAR(16) NOT NULL,
    hour_start BIGINT NOT NULL,
    requests BIGINT NOT NULL,
    status_1xx BIGINT NOT NULL,
    status_2xx BIGINT NOT NULL,
    status_3xx BIGINT NOT NULL,
    status_4xx BIGINT NOT NULL,
    status_5xx BIGINT NOT NULL,
    CONSTRAINT fk_gateway_traffic_gateway FOREIGN KEY (gateway_id) REFERENCES gateways (id) ON DELETE CASCADE,
    CONSTRAINT fk_gateway_traffic_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_gateway_traffic_hour ON gateway_traffic (gateway_id, service_id, api_name, environment, hour_start);
