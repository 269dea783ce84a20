-- The library tree as the catalog announces it: who serves whom, and each library's region (GB/T 2260 code).
CREATE TABLE library (
    code         varchar(32)  PRIMARY KEY,
    parent_code  varchar(32),
    name         varchar(200) NOT NULL,
    region_code  varchar(12),
    updated_at   timestamptz  NOT NULL
);

-- A library's home-delivery rules: where it delivers (region code prefixes), how many records per order,
-- the fee (fen), how long a locker keeps a parcel.
CREATE TABLE delivery_settings (
    library_code          varchar(32)  PRIMARY KEY,
    regions               varchar(12)[] NOT NULL,
    max_records_per_order int          NOT NULL CHECK (max_records_per_order BETWEEN 1 AND 20),
    base_fee_fen          int          NOT NULL CHECK (base_fee_fen >= 0),
    base_items            int          NOT NULL CHECK (base_items >= 1),
    extra_item_fee_fen    int          NOT NULL CHECK (extra_item_fee_fen >= 0),
    free_from_items       int          CHECK (free_from_items >= 1),
    free_to_delivery_points boolean    NOT NULL,
    locker_pickup_days    int          NOT NULL CHECK (locker_pickup_days BETWEEN 1 AND 30),
    updated_at            timestamptz  NOT NULL,
    version               bigint       NOT NULL DEFAULT 0
);

CREATE TABLE delivery_address (
    id           uuid         PRIMARY KEY,
    card_number  varchar(32)  NOT NULL,
    recipient    varchar(50)  NOT NULL,
    phone        varchar(20)  NOT NULL,
    region_code  varchar(12)  NOT NULL,
    line         varchar(200) NOT NULL,
    created_at   timestamptz  NOT NULL,
    removed      boolean      NOT NULL DEFAULT false
);

CREATE INDEX delivery_address_card_idx ON delivery_address (card_number, created_at) WHERE NOT removed;

CREATE TABLE delivery_order (
    id                  uuid         PRIMARY KEY,
    card_number         varchar(32)  NOT NULL,
    library_code        varchar(32)  NOT NULL,
    destination         varchar(16)  NOT NULL CHECK (destination IN ('HOME', 'DELIVERY_POINT')),
    delivery_point_code varchar(32),
    recipient           varchar(50),
    phone               varchar(20),
    region_code         varchar(12),
    address_line        varchar(200),
    status              varchar(16)  NOT NULL CHECK (status IN ('REQUESTED', 'CONFIRMED', 'UNFILLED', 'CANCELLED',
                            'COMPLETED')),
    quoted_fee_fen      int          NOT NULL,
    fee_fen             int          NOT NULL,
    placed_at           timestamptz  NOT NULL,
    status_since        timestamptz  NOT NULL,
    version             bigint       NOT NULL DEFAULT 0
);

CREATE INDEX delivery_order_card_idx ON delivery_order (card_number, placed_at DESC);
CREATE INDEX delivery_order_status_idx ON delivery_order (status, status_since);
CREATE INDEX delivery_order_library_idx ON delivery_order (library_code, placed_at DESC);

CREATE TABLE order_line (
    order_id            uuid         NOT NULL REFERENCES delivery_order (id),
    position            int          NOT NULL,
    record_id           uuid         NOT NULL,
    outcome             varchar(32)  NOT NULL,
    hold_id             uuid,
    copy_id             uuid,
    barcode             varchar(64),
    title               varchar(500),
    source_library      varchar(32),
    source_service_point varchar(32),
    shipment_id         uuid,
    PRIMARY KEY (order_id, position)
);

CREATE TABLE shipment (
    id                  uuid         PRIMARY KEY,
    order_id            uuid         NOT NULL REFERENCES delivery_order (id),
    card_number         varchar(32)  NOT NULL,
    source_library      varchar(32)  NOT NULL,
    source_service_point varchar(32) NOT NULL,
    delivery_point_code varchar(32),
    status              varchar(24)  NOT NULL,
    carrier             varchar(32),
    tracking_number     varchar(64),
    failed_attempts     int          NOT NULL DEFAULT 0,
    pickup_code         varchar(8),
    pickup_deadline     timestamptz,
    estimated_delivery  timestamptz,
    status_since        timestamptz  NOT NULL,
    status_occurred_at  timestamptz  NOT NULL,
    created_at          timestamptz  NOT NULL,
    version             bigint       NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX shipment_tracking_idx ON shipment (carrier, tracking_number) WHERE tracking_number IS NOT NULL;
CREATE INDEX shipment_order_idx ON shipment (order_id);
CREATE INDEX shipment_status_idx ON shipment (status, status_since);
CREATE INDEX shipment_source_idx ON shipment (source_service_point, status, created_at);
CREATE UNIQUE INDEX shipment_locker_code_idx ON shipment (delivery_point_code, pickup_code) WHERE status = 'DELIVERED'
    AND pickup_code IS NOT NULL;
CREATE INDEX shipment_locker_deadline_idx ON shipment (pickup_deadline) WHERE status = 'DELIVERED'
    AND pickup_deadline IS NOT NULL;

CREATE TABLE shipment_item (
    shipment_id  uuid         NOT NULL REFERENCES shipment (id),
    hold_id      uuid         NOT NULL,
    copy_id      uuid         NOT NULL,
    barcode      varchar(64)  NOT NULL,
    title        varchar(500),
    PRIMARY KEY (shipment_id, hold_id)
);

-- The timeline the reader sees, and what carriers told us (also events that arrived too late to apply).
CREATE TABLE tracking_event (
    id           bigserial    PRIMARY KEY,
    shipment_id  uuid         NOT NULL REFERENCES shipment (id),
    status       varchar(24)  NOT NULL,
    occurred_at  timestamptz  NOT NULL,
    location     varchar(200),
    source       varchar(16)  NOT NULL,
    applied      boolean      NOT NULL,
    recorded_at  timestamptz  NOT NULL
);

CREATE INDEX tracking_event_shipment_idx ON tracking_event (shipment_id, occurred_at, id);

-- Carrier webhook deliveries already handled, by the carrier's own event id.
CREATE TABLE carrier_event (
    carrier      varchar(32)  NOT NULL,
    event_id     varchar(100) NOT NULL,
    received_at  timestamptz  NOT NULL,
    PRIMARY KEY (carrier, event_id)
);

CREATE TABLE transfer_batch (
    id            uuid         PRIMARY KEY,
    from_library  varchar(32)  NOT NULL,
    to_library    varchar(32)  NOT NULL,
    dispatched_at timestamptz  NOT NULL,
    dispatched_by varchar(100) NOT NULL
);

CREATE TABLE transfer (
    id               uuid         PRIMARY KEY,
    copy_id          uuid         NOT NULL,
    barcode          varchar(64)  NOT NULL,
    from_service_point varchar(32) NOT NULL,
    to_service_point varchar(32)  NOT NULL,
    from_library     varchar(32),
    to_library       varchar(32),
    reason           varchar(32)  NOT NULL,
    status           varchar(16)  NOT NULL CHECK (status IN ('REQUESTED', 'IN_TRANSIT', 'RECEIVED', 'CANCELLED')),
    requested_at     timestamptz  NOT NULL,
    dispatched_at    timestamptz,
    closed_at        timestamptz,
    batch_id         uuid REFERENCES transfer_batch (id),
    version          bigint       NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX transfer_one_open_per_copy_idx ON transfer (copy_id) WHERE status IN ('REQUESTED', 'IN_TRANSIT');
CREATE INDEX transfer_pick_idx ON transfer (from_service_point, requested_at) WHERE status = 'REQUESTED';
CREATE INDEX transfer_open_idx ON transfer (status, requested_at) WHERE status IN ('REQUESTED', 'IN_TRANSIT');
CREATE INDEX transfer_barcode_idx ON transfer (barcode) WHERE status IN ('REQUESTED', 'IN_TRANSIT');

-- Open loans as circulation reports them, so a reader can only send back what they borrowed.
CREATE TABLE patron_loan (
    loan_id      uuid         PRIMARY KEY,
    card_number  varchar(32)  NOT NULL,
    copy_id      uuid         NOT NULL,
    barcode      varchar(64)  NOT NULL,
    due_at       timestamptz,
    open         boolean      NOT NULL,
    version      bigint       NOT NULL
);

CREATE INDEX patron_loan_card_idx ON patron_loan (card_number, barcode) WHERE open;

CREATE TABLE return_pickup (
    id              uuid         PRIMARY KEY,
    card_number     varchar(32)  NOT NULL,
    library_code    varchar(32)  NOT NULL,
    recipient       varchar(50)  NOT NULL,
    phone           varchar(20)  NOT NULL,
    region_code     varchar(12)  NOT NULL,
    address_line    varchar(200) NOT NULL,
    pickup_date     date         NOT NULL,
    status          varchar(16)  NOT NULL CHECK (status IN ('SCHEDULED', 'PICKED_UP', 'RECEIVED', 'CANCELLED')),
    carrier         varchar(32),
    tracking_number varchar(64),
    received_at_service_point varchar(32),
    created_at      timestamptz  NOT NULL,
    status_since    timestamptz  NOT NULL,
    version         bigint       NOT NULL DEFAULT 0
);

CREATE INDEX return_pickup_card_idx ON return_pickup (card_number, created_at DESC);
CREATE INDEX return_pickup_status_idx ON return_pickup (status, status_since);
CREATE UNIQUE INDEX return_pickup_tracking_idx ON return_pickup (carrier, tracking_number)
    WHERE tracking_number IS NOT NULL;

CREATE TABLE return_pickup_item (
    pickup_id  uuid        NOT NULL REFERENCES return_pickup (id),
    barcode    varchar(64) NOT NULL,
    PRIMARY KEY (pickup_id, barcode)
);

-- The union catalog's records as delivery needs them: that they exist, and their titles (catalog.records).
CREATE TABLE catalog_record (
    id          uuid         PRIMARY KEY,
    title       varchar(500) NOT NULL,
    version     bigint       NOT NULL
);
