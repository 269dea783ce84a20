-- Libraries whose collection floats: a copy of the library (or of one of its branches) returned anywhere in the
-- library's tree stays where it was returned instead of travelling home.
CREATE TABLE floating_collection (
    library_code varchar(32) PRIMARY KEY,
    since        timestamptz NOT NULL,
    set_by       varchar(64) NOT NULL
);
