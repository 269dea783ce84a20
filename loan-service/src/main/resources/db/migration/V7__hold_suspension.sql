-- A suspended hold keeps its place in the queue but no copy is promised to it until the date passes.
ALTER TABLE hold ADD COLUMN suspended_until date;
