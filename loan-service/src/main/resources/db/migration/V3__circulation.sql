-- The library tree and service points as the catalog announces them (catalog.libraries).
CREATE TABLE library_node (
    code        varchar(32)  PRIMARY KEY,
    parent_code varchar(32),
    name        varchar(200) NOT NULL,
    updated_at  timestamptz  NOT NULL
);

CREATE TABLE service_point (
    code         varchar(32)  PRIMARY KEY,
    library_code varchar(32)  NOT NULL,
    name         varchar(200) NOT NULL,
    can_lend     boolean      NOT NULL,
    can_return   boolean      NOT NULL,
    hold_pickup  boolean      NOT NULL,
    updated_at   timestamptz  NOT NULL
);

CREATE INDEX service_point_library_idx ON service_point (library_code);

CREATE TABLE patron (
    id                  uuid         PRIMARY KEY,
    card_number         varchar(32)  NOT NULL UNIQUE,
    name                varchar(100) NOT NULL,
    patron_type         varchar(16)  NOT NULL CHECK (patron_type IN ('ADULT', 'CHILD', 'SENIOR', 'STUDENT')),
    home_library        varchar(32)  NOT NULL,
    pin_hash            varchar(100) NOT NULL,
    resident_id_hash    char(64)     UNIQUE,
    resident_id_masked  varchar(32),
    phone               varchar(32),
    failed_pin_attempts int          NOT NULL DEFAULT 0,
    locked_until        timestamptz,
    fine_balance_fen    bigint       NOT NULL DEFAULT 0,
    created_at          timestamptz  NOT NULL,
    version             bigint       NOT NULL DEFAULT 0
);

-- Rules per library (NULL: the network default) × patron type × loan type (NULL: any). Money in fen.
CREATE TABLE loan_policy (
    id                  uuid        PRIMARY KEY,
    library_code        varchar(32),
    patron_type         varchar(16),
    loan_type           varchar(24),
    loan_days           int         NOT NULL CHECK (loan_days >= 0),
    renewals_allowed    int         NOT NULL CHECK (renewals_allowed >= 0),
    renewal_days        int         NOT NULL CHECK (renewal_days >= 0),
    max_loans           int         NOT NULL CHECK (max_loans >= 0),
    max_holds           int         NOT NULL CHECK (max_holds >= 0),
    fine_per_day_fen    int         NOT NULL CHECK (fine_per_day_fen >= 0),
    fine_cap_fen        int         NOT NULL CHECK (fine_cap_fen >= 0),
    grace_days          int         NOT NULL CHECK (grace_days >= 0),
    hold_shelf_days     int         NOT NULL CHECK (hold_shelf_days >= 0),
    block_at_fine_fen   int         NOT NULL CHECK (block_at_fine_fen >= 0),
    UNIQUE NULLS NOT DISTINCT (library_code, patron_type, loan_type)
);

INSERT INTO loan_policy VALUES
    ('00000000-0000-0000-0000-000000000001', NULL, NULL, NULL, 30, 1, 30, 10, 5, 10, 1000, 0, 7, 1000),
    ('00000000-0000-0000-0000-000000000002', NULL, NULL, 'REFERENCE', 0, 0, 0, 10, 5, 10, 1000, 0, 7, 1000);

CREATE TABLE loan (
    id                    uuid        PRIMARY KEY,
    copy_id               uuid        NOT NULL REFERENCES circulation_copy (copy_id),
    patron_id             uuid        NOT NULL REFERENCES patron (id),
    owning_library        varchar(32) NOT NULL,
    checkout_service_point varchar(32) NOT NULL,
    loaned_at             timestamptz NOT NULL,
    due_at                timestamptz NOT NULL,
    renewals              int         NOT NULL DEFAULT 0,
    status                varchar(8)  NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
    returned_at           timestamptz,
    return_service_point  varchar(32),
    fine_fen              bigint      NOT NULL DEFAULT 0,
    version               bigint      NOT NULL DEFAULT 0
);

-- The database's own guarantee that a copy is never lent twice at once.
CREATE UNIQUE INDEX loan_one_open_per_copy_idx ON loan (copy_id) WHERE status = 'OPEN';
CREATE INDEX loan_patron_idx ON loan (patron_id, status, loaned_at DESC);
CREATE INDEX loan_open_due_idx ON loan (due_at) WHERE status = 'OPEN';

ALTER TABLE circulation_copy ADD COLUMN destination_service_point_code varchar(32);
