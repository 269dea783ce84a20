-- 你选书·我买单: a reader picks a new book at a partner bookstore; the library buys it and lends it on the spot.

-- Each library's rules for these purchases; without a row the library does not offer them.
CREATE TABLE purchase_rules (
    library_code        varchar(32)  PRIMARY KEY,
    monthly_quota       int          NOT NULL CHECK (monthly_quota > 0),
    price_cap_fen       bigint       NOT NULL CHECK (price_cap_fen > 0),
    max_network_copies  int          NOT NULL CHECK (max_network_copies > 0),
    excluded_classes    text[]       NOT NULL DEFAULT '{}',
    updated_at          timestamptz  NOT NULL,
    version             bigint       NOT NULL DEFAULT 0
);

-- Partner bookstores of a library; the copies bought there belong to its service point.
CREATE TABLE bookstore (
    code                varchar(32)  PRIMARY KEY,
    library_code        varchar(32)  NOT NULL,
    name                varchar(200) NOT NULL,
    service_point_code  varchar(32)  NOT NULL,
    active              boolean      NOT NULL,
    created_at          timestamptz  NOT NULL,
    updated_at          timestamptz  NOT NULL,
    version             bigint       NOT NULL DEFAULT 0
);

CREATE INDEX bookstore_library_idx ON bookstore (library_code, code);

-- One purchase per bookstore receipt. PENDING while the catalog makes the copy; COMPLETED once lent to the
-- reader; ABANDONED when it never completed (nothing of it remains in the network).
CREATE TABLE purchase (
    id              uuid         PRIMARY KEY,
    bookstore_code  varchar(32)  NOT NULL REFERENCES bookstore (code),
    library_code    varchar(32)  NOT NULL,
    receipt_number  varchar(64)  NOT NULL,
    patron_id       uuid         NOT NULL REFERENCES patron (id),
    card_number     varchar(32)  NOT NULL,
    isbn            char(13)     NOT NULL,
    price_fen       bigint       NOT NULL,
    title           varchar(500),
    status          varchar(16)  NOT NULL CHECK (status IN ('PENDING', 'COMPLETED', 'ABANDONED')),
    record_id       uuid,
    copy_id         uuid,
    barcode         varchar(32),
    call_number     varchar(64),
    loan_id         uuid,
    due_at          timestamptz,
    created_at      timestamptz  NOT NULL,
    completed_at    timestamptz,
    abandoned_at    timestamptz,
    UNIQUE (bookstore_code, receipt_number)
);

-- The monthly quota, and one copy of an ISBN per reader and library.
CREATE INDEX purchase_patron_idx ON purchase (patron_id, library_code, created_at) WHERE status <> 'ABANDONED';
CREATE UNIQUE INDEX purchase_patron_isbn_idx ON purchase (library_code, patron_id, isbn) WHERE status <> 'ABANDONED';
-- Settlement statements, and the sweep of purchases left unfinished.
CREATE INDEX purchase_settlement_idx ON purchase (bookstore_code, completed_at, id) WHERE status = 'COMPLETED';
CREATE INDEX purchase_pending_idx ON purchase (created_at) WHERE status = 'PENDING';

-- A month's purchases at a bookstore, settled (paid) by the library's administrator.
CREATE TABLE bookstore_settlement (
    bookstore_code  varchar(32)  NOT NULL REFERENCES bookstore (code),
    month           char(7)      NOT NULL,
    purchases       int          NOT NULL,
    total_fen       bigint       NOT NULL,
    settled_at      timestamptz  NOT NULL,
    settled_by      varchar(64)  NOT NULL,
    PRIMARY KEY (bookstore_code, month)
);
