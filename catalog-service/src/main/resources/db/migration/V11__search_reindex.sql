-- Which version of the search analyzer indexed the records. Records indexed by an older one are indexed again in
-- the background (SearchReindex), a batch per transaction, the walk resuming after next_id. Version 1 indexed a
-- run of Chinese characters in pinyin as one lexeme; version 2 indexes pairs of syllables.
CREATE TABLE search_reindex (
    id               smallint PRIMARY KEY CHECK (id = 1),
    analyzer_version int      NOT NULL,
    next_id          uuid
);
INSERT INTO search_reindex (id, analyzer_version) VALUES (1, 1);
