-- Search: lexemes produced in Java (CatalogAnalyzer), stored with weights (title A, authors/series B,
-- subjects/publisher C) and matched with a GIN index.
ALTER TABLE bib_record
    ADD COLUMN subjects      text[]       NOT NULL DEFAULT '{}',
    ADD COLUMN series        varchar(300),
    ADD COLUMN search_tokens tsvector     NOT NULL DEFAULT ''::tsvector;

CREATE INDEX bib_record_search_idx ON bib_record USING gin (search_tokens);
CREATE INDEX bib_record_clc_idx ON bib_record (clc_class text_pattern_ops);
CREATE INDEX bib_record_year_idx ON bib_record (publication_year DESC NULLS LAST, id);

-- Circulation status of each copy as loan-service last reported it (AVAILABLE until it says otherwise).
CREATE TABLE copy_circulation (
    copy_id      uuid        PRIMARY KEY REFERENCES copy (id),
    record_id    uuid        NOT NULL,
    library_code varchar(32) NOT NULL,
    status       varchar(24) NOT NULL,
    due_date     date,
    version      bigint      NOT NULL,
    updated_at   timestamptz NOT NULL
);

CREATE INDEX copy_circulation_record_idx ON copy_circulation (record_id, library_code, status);
CREATE INDEX copy_circulation_library_idx ON copy_circulation (library_code, record_id);

-- The title folded like queries are (simplified, lower case, letters and digits only): exact title
-- matches rank first.
ALTER TABLE bib_record ADD COLUMN title_key varchar(500) NOT NULL DEFAULT '';
CREATE INDEX bib_record_title_key_idx ON bib_record (title_key);
