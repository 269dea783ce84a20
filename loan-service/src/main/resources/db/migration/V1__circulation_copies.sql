-- loan-service's projection of the catalog's copies, with the circulation status it alone decides.
CREATE TABLE circulation_copy (
    copy_id                  uuid         PRIMARY KEY,
    barcode                  varchar(32)  NOT NULL UNIQUE,
    record_id                uuid         NOT NULL,
    title                    varchar(500),
    library_code             varchar(32)  NOT NULL,
    home_service_point_code  varchar(32)  NOT NULL,
    current_service_point_code varchar(32) NOT NULL,
    loan_type                varchar(24)  NOT NULL,
    status                   varchar(24)  NOT NULL CHECK (status IN ('AVAILABLE', 'CHECKED_OUT', 'IN_TRANSIT',
                                 'AWAITING_PICKUP', 'AWAITING_DELIVERY', 'IN_DELIVERY', 'MISSING', 'WITHDRAWN')),
    catalog_version          bigint       NOT NULL,
    created_at               timestamptz  NOT NULL,
    updated_at               timestamptz  NOT NULL,
    version                  bigint       NOT NULL DEFAULT 0
);

CREATE INDEX circulation_copy_record_idx ON circulation_copy (record_id, status);
CREATE INDEX circulation_copy_library_idx ON circulation_copy (library_code, status);
