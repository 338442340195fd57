-- Tollgate system database, version 7: what the meter needs beyond version 6.
--
-- service_tokens    the tokens a gateway authenticates to the meter with, per product (3scale:
--                   every service has at least one). Kept in clear text, like the proxy's
--                   secret_token: the admin API shows them and the proxy configuration carries one.
--                   The meter only receives their SHA-256 digests.
-- referrer_filters  the referrers (host names with * wildcards) an application accepts calls from,
--                   enforced when the product has referrer_filters_required.

CREATE TABLE service_tokens (
    id ${id_column},
    service_id BIGINT NOT NULL,
    token_value VARCHAR(255) NOT NULL,
    created_at BIGINT NOT NULL,
    CONSTRAINT fk_service_tokens_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_service_tokens_value ON service_tokens (token_value);
CREATE INDEX ix_service_tokens_service ON service_tokens (service_id);

CREATE TABLE referrer_filters (
    id ${id_column},
    application_id BIGINT NOT NULL,
    filter_value VARCHAR(255) NOT NULL,
    created_at BIGINT NOT NULL,
    CONSTRAINT fk_referrer_filters_application FOREIGN KEY (application_id) REFERENCES applications (id)
        ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_referrer_filters_value ON referrer_filters (application_id, filter_value);

ALTER TABLE services ADD COLUMN referrer_filters_required ${bool} DEFAULT FALSE NOT NULL;
