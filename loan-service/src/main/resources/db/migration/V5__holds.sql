-- Title-level holds: one queue per record; a promised copy is never promised to two holds.
CREATE TABLE hold (
    id                   uuid        PRIMARY KEY,
    record_id            uuid        NOT NULL,
    patron_id            uuid        NOT NULL REFERENCES patron (id),
    pickup_service_point varchar(32) NOT NULL,
    status               varchar(32) NOT NULL CHECK (status IN ('OPEN_NOT_YET_FILLED', 'OPEN_IN_TRANSIT',
                             'OPEN_AWAITING_PICKUP', 'OPEN_AWAITING_DELIVERY', 'CLOSED_FILLED', 'CLOSED_CANCELLED',
                             'CLOSED_PICKUP_EXPIRED', 'CLOSED_UNFILLED')),
    requested_at         timestamptz NOT NULL,
    copy_id              uuid,
    pickup_by            timestamptz,
    closed_at            timestamptz,
    version              bigint      NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX hold_one_open_per_patron_record_idx ON hold (patron_id, record_id) WHERE status LIKE 'OPEN%';
CREATE UNIQUE INDEX hold_copy_promised_once_idx ON hold (copy_id) WHERE copy_id IS NOT NULL AND status LIKE 'OPEN%';
CREATE INDEX hold_queue_idx ON hold (record_id, requested_at, id) WHERE status = 'OPEN_NOT_YET_FILLED';
CREATE INDEX hold_patron_idx ON hold (patron_id, requested_at DESC);
CREATE INDEX hold_pickup_expiry_idx ON hold (pickup_by) WHERE status = 'OPEN_AWAITING_PICKUP';
