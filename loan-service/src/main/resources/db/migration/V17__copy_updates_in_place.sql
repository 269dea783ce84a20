-- Every check-out and check-in changes a copy's status, place and timestamps. With status in two indexes, each such
-- update wrote a new row version with an entry in every index of the table. Now no index holds a column circulation
-- changes, and pages keep a tenth free: PostgreSQL updates the row within its page (a heap-only tuple) and touches
-- no index. Every query by record filters a record's few copies by status in the row; nothing asks for a library's
-- copies by status.
DROP INDEX circulation_copy_record_idx;
CREATE INDEX circulation_copy_record_idx ON circulation_copy (record_id);
DROP INDEX circulation_copy_library_idx;
ALTER TABLE circulation_copy SET (fillfactor = 90);
