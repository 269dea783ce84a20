-- The catalog withdrew the copy: it is not lent again, even if it was on loan when withdrawn.
ALTER TABLE circulation_copy ADD COLUMN withdrawn_from_catalog boolean NOT NULL DEFAULT false;
