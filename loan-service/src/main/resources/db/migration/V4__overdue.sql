-- When a loan was first found overdue by the daily job (NULL while it is not).
ALTER TABLE loan ADD COLUMN overdue_since timestamptz;
