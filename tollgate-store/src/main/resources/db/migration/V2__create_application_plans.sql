-- Application plans of products, with their usage limits, pricing rules and features.
-- Money is DECIMAL(20,4) on every engine; timestamps are epoch milliseconds as in V1.

CREATE TABLE application_plans (
    id ${id_column},
    account_id BIGINT NOT NULL,
    service_id BIGINT NOT NULL,
    name VARCHAR(255) NOT NULL,
    system_name VARCHAR(255) NOT NULL,
    state VARCHAR(32) NOT NULL,
    approval_required ${bool} NOT NULL,
    setup_fee DECIMAL(20,4) NOT NULL,
    cost_per_month DECIMAL(20,4) NOT NULL,
    trial_period_days INTEGER,
    cancellation_period INTEGER NOT NULL,
    is_default ${bool} NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT fk_application_plans_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_application_plans_system_name ON application_plans (service_id, system_name);
CREATE INDEX ix_application_plans_account ON application_plans (account_id);

-- One limit per plan, metric and period; the metric is the product's or a used backend's.
CREATE TABLE usage_limits (
    id ${id_column},
    account_id BIGINT NOT NULL,
    plan_id BIGINT NOT NULL,
    metric_id BIGINT NOT NULL,
    limit_period VARCHAR(16) NOT NULL,
    max_value BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT fk_usage_limits_plan FOREIGN KEY (plan_id) REFERENCES application_plans (id) ON DELETE CASCADE,
    CONSTRAINT fk_usage_limits_metric FOREIGN KEY (metric_id) REFERENCES metrics (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_usage_limits_period ON usage_limits (plan_id, metric_id, limit_period);
CREATE INDEX ix_usage_limits_metric ON usage_limits (metric_id);

-- Price per unit for the calls from min_units to max_units (NULL: no upper bound) in a month.
CREATE TABLE pricing_rules (
    id ${id_column},
    account_id BIGINT NOT NULL,
    plan_id BIGINT NOT NULL,
    metric_id BIGINT NOT NULL,
    cost_per_unit DECIMAL(20,4) NOT NULL,
    min_units BIGINT NOT NULL,
    max_units BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT fk_pricing_rules_plan FOREIGN KEY (plan_id) REFERENCES application_plans (id) ON DELETE CASCADE,
    CONSTRAINT fk_pricing_rules_metric FOREIGN KEY (metric_id) REFERENCES metrics (id) ON DELETE CASCADE
)${table_options};
CREATE INDEX ix_pricing_rules_plan_metric ON pricing_rules (plan_id, metric_id);
CREATE INDEX ix_pricing_rules_metric ON pricing_rules (metric_id);

-- Features (scope ApplicationPlan) a plan offers.
CREATE TABLE plan_features (
    id ${id_column},
    account_id BIGINT NOT NULL,
    plan_id BIGINT NOT NULL,
    feature_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    CONSTRAINT fk_plan_features_plan FOREIGN KEY (plan_id) REFERENCES application_plans (id) ON DELETE CASCADE,
    CONSTRAINT fk_plan_features_feature FOREIGN KEY (feature_id) REFERENCES features (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_plan_features_feature ON plan_features (plan_id, feature_id);
CREATE INDEX ix_plan_features_feature ON plan_features (feature_id);
