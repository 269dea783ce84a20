-- The library that catalogued a record may revise it through sync; others only attach copies to it.
ALTER TABLE bib_record ADD COLUMN cataloguing_library varchar(32);

-- A district system's own record identifiers, so records without an ISBN are matched on every sync.
CREATE TABLE record_source (
    library_code varchar(32)  NOT NULL,
    source_ref   varchar(100) NOT NULL,
    record_id    uuid         NOT NULL REFERENCES bib_record (id),
    PRIMARY KEY (library_code, source_ref)
);

CREATE INDEX record_source_record_idx ON record_source (record_id);
