-- 你选书·我买单: a partner bookstore sells a new book to the library and lends it to the reader at the counter.
-- The copy is PROVISIONAL (known to nobody, not searchable) until loan-service has lent it; then it joins the
-- collection. An abandoned purchase discards its provisional copy.
ALTER TABLE copy DROP CONSTRAINT copy_status_check;
ALTER TABLE copy ADD CONSTRAINT copy_status_check CHECK (status IN ('PROVISIONAL', 'ACTIVE', 'WITHDRAWN'));

CREATE TABLE acquisition (
    purchase_id     uuid         PRIMARY KEY,
    library_code    varchar(32)  NOT NULL REFERENCES library (code),
    bookstore_code  varchar(32)  NOT NULL,
    record_id       uuid         REFERENCES bib_record (id),
    copy_id         uuid         UNIQUE,
    barcode         varchar(32),
    record_created  boolean      NOT NULL DEFAULT false,
    status          varchar(16)  NOT NULL CHECK (status IN ('PROVISIONAL', 'CONFIRMED', 'DISCARDED')),
    created_at      timestamptz  NOT NULL,
    decided_at      timestamptz
);

CREATE INDEX acquisition_provisional_idx ON acquisition (created_at) WHERE status = 'PROVISIONAL';

-- Barcodes of purchased copies: the library's code, 'P' and a number from this sequence.
CREATE SEQUENCE acquisition_barcode_seq START 1;
