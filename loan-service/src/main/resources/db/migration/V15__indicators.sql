-- Readers who owe fines, per home library: the candidates of the blocked-patrons list.
CREATE INDEX patron_owing_idx ON patron (home_library) WHERE fine_balance_fen > 0;
