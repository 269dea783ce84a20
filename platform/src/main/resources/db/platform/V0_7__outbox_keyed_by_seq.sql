-- An event's seq is its key. The relay claims, marks and purges by seq and sent_at and nothing looks an event up by
-- its id; the unique index of random UUIDs cost every event an insert into a random page of an index as large as
-- three days of events, twice (marking an event sent writes a new row version, and every index takes an entry for
-- it). Event ids stay unique (random UUIDs); consumers deduplicate by them.
ALTER TABLE outbox_event DROP CONSTRAINT outbox_event_pkey;
ALTER TABLE outbox_event ADD CONSTRAINT outbox_event_pkey PRIMARY KEY USING INDEX outbox_event_seq_idx;
