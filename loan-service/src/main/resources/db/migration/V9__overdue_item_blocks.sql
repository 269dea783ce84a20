-- A reader with this many overdue items may not borrow, renew or place holds until they return some (0: no such block).
ALTER TABLE loan_policy ADD COLUMN block_at_overdue_items int NOT NULL DEFAULT 0 CHECK (block_at_overdue_items >= 0);
