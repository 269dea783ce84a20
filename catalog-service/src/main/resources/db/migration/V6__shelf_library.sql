-- Where a copy stands on a shelf: its own library, unless its collection floats and it was returned at
-- another library of the tree (loan-service reports the service point). "Available at" counts by this.
ALTER TABLE copy_circulation ADD COLUMN shelf_library varchar(32);
UPDATE copy_circulation SET shelf_library = library_code;
ALTER TABLE copy_circulation ALTER COLUMN shelf_library SET NOT NULL;
CREATE INDEX copy_circulation_shelf_idx ON copy_circulation (shelf_library, record_id) WHERE status = 'AVAILABLE';
