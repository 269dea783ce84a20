-- Themed collections (专题): records from anywhere in the network, curated by one library's staff.
CREATE TABLE collection (
    id           uuid         PRIMARY KEY,
    library_code varchar(32)  NOT NULL REFERENCES library (code),
    title        varchar(200) NOT NULL,
    description  varchar(2000),
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL,
    version      bigint       NOT NULL DEFAULT 0
);

CREATE INDEX collection_library_idx ON collection (library_code, created_at DESC);

CREATE TABLE collection_item (
    collection_id uuid        NOT NULL REFERENCES collection (id) ON DELETE CASCADE,
    record_id     uuid        NOT NULL REFERENCES bib_record (id),
    note          varchar(500),
    added_at      timestamptz NOT NULL,
    PRIMARY KEY (collection_id, record_id)
);

CREATE INDEX collection_item_order_idx ON collection_item (collection_id, added_at, record_id);
