-- Idempotency keys of create requests: claimed in the transaction of the effect, with the response to replay.
CREATE TABLE idempotency_key (
    scope       varchar(400)  NOT NULL,
    key         varchar(128)  NOT NULL,
    fingerprint char(64)      NOT NULL,
    status      int,
    location    varchar(1000),
    body        text,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);

CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
