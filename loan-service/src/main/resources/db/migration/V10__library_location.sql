-- Where each library is (WGS-84, from the catalog), so the nearer of two equally related libraries sends its copy.
ALTER TABLE library_node ADD COLUMN latitude double precision;
ALTER TABLE library_node ADD COLUMN longitude double precision;
