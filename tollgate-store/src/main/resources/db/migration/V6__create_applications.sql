-- Applications of developer accounts, subscribed to an application plan of a product, and the
-- application keys of app_id/app_key and OIDC applications. Timestamps are epoch milliseconds.

CREATE TABLE applications (
    id ${id_column},
    account_id BIGINT NOT NULL,
    buyer_account_id BIGINT NOT NULL,
    service_id BIGINT NOT NULL,
    plan_id BIGINT NOT NULL,
    name VARCHAR(255) NOT NULL,
    description ${long_text},
    state VARCHAR(32) NOT NULL,
    user_key VARCHAR(255),
    app_id VARCHAR(255),
    redirect_url VARCHAR(1024),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT fk_applications_buyer FOREIGN KEY (buyer_account_id) REFERENCES accounts (id) ON DELETE CASCADE,
    CONSTRAINT fk_applications_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE,
    CONSTRAINT fk_applications_plan FOREIGN KEY (plan_id) REFERENCES application_plans (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_applications_user_key ON applications (service_id, user_key);
CREATE UNIQUE INDEX ux_applications_app_id ON applications (account_id, app_id);
CREATE INDEX ix_applications_buyer ON applications (buyer_account_id);
CREATE INDEX ix_applications_plan ON applications (plan_id);

CREATE TABLE application_keys (
    id ${id_column},
    application_id BIGINT NOT NULL,
    key_value VARCHAR(255) NOT NULL,
    created_at BIGINT NOT NULL,
    CONSTRAINT fk_application_keys_application FOREIGN KEY (application_id) REFERENCES applications (id)
        ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_application_keys_value ON application_keys (application_id, key_value);
