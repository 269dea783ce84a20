-- Loans name their record and title too, so a reader's list of loans reads like a receipt without a join
-- per loan. The title is as catalogued when the copy was lent.
ALTER TABLE loan ADD COLUMN record_id uuid;
ALTER TABLE loan ADD COLUMN title varchar(500);
UPDATE loan l SET record_id = c.record_id, title = c.title FROM circulation_copy c WHERE c.copy_id = l.copy_id;
ALTER TABLE loan ALTER COLUMN record_id SET NOT NULL;
