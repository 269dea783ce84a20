-- Refresh tokens: only a hash is kept. Each use replaces the token by a new one of the same family; a
-- replaced token presented again means it was stolen, and the whole family is revoked.
CREATE TABLE refresh_token (
    token_hash   varchar(64)  PRIMARY KEY,
    family_id    uuid         NOT NULL,
    subject      varchar(64)  NOT NULL,
    kind         varchar(8)   NOT NULL CHECK (kind IN ('STAFF', 'PATRON')),
    issued_at    timestamptz  NOT NULL,
    expires_at   timestamptz  NOT NULL,
    used_at      timestamptz,
    revoked_at   timestamptz
);

CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);
CREATE INDEX refresh_token_subject_idx ON refresh_token (subject, kind) WHERE revoked_at IS NULL;
CREATE INDEX refresh_token_expiry_idx ON refresh_token (expires_at);

-- Repeated wrong passwords lock a staff account for a while.
ALTER TABLE staff_account ADD COLUMN failed_attempts int NOT NULL DEFAULT 0;
ALTER TABLE staff_account ADD COLUMN locked_until timestamptz;
ALTER TABLE machine_client ADD COLUMN secret_rotated_at timestamptz;
