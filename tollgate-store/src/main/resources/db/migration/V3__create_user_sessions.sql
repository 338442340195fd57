-- Tollgate system database, version 3: login sessions of users (developer portal and, later, the
-- admin portal). Only the SHA-256 digest of a session token is stored; the token itself is handed
-- to the user once. A session ends at expires_at (epoch millis) or when revoked.

CREATE TABLE user_sessions (
    id ${id_column},
    user_id BIGINT NOT NULL,
    token_hash VARCHAR(64) NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked ${bool} NOT NULL,
    CONSTRAINT fk_user_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
)${table_options};
CREATE UNIQUE INDEX ux_user_sessions_token ON user_sessions (token_hash);
CREATE INDEX ix_user_sessions_user ON user_sessions (user_id);
