CREATE TABLE bib_record (
    id               uuid         PRIMARY KEY,
    isbn             char(13)     UNIQUE,
    title            varchar(500) NOT NULL,
    subtitle         varchar(500),
    authors          text[]       NOT NULL DEFAULT '{}',
    publisher        varchar(200),
    publication_year smallint,
    language         varchar(8),
    clc_class        varchar(32),
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL,
    version          bigint       NOT NULL DEFAULT 0
);

CREATE TABLE copy (
    id                       uuid         PRIMARY KEY,
    barcode                  varchar(32)  NOT NULL UNIQUE,
    record_id                uuid         NOT NULL REFERENCES bib_record (id),
    library_code             varchar(32)  NOT NULL REFERENCES library (code),
    home_service_point_code  varchar(32)  NOT NULL REFERENCES service_point (code),
    call_number              varchar(64),
    loan_type                varchar(24)  NOT NULL,
    status                   varchar(16)  NOT NULL CHECK (status IN ('ACTIVE', 'WITHDRAWN')),
    created_at               timestamptz  NOT NULL,
    updated_at               timestamptz  NOT NULL,
    version                  bigint       NOT NULL DEFAULT 0
);

CREATE INDEX copy_record_idx ON copy (record_id);
CREATE INDEX copy_library_idx ON copy (library_code, barcode);
