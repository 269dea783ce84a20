-- Relays take turns under an advisory lock and publish the oldest unsent events in order, so nothing looks up
-- an aggregate's unsent events any more; the index only cost every event an insert.
DROP INDEX IF EXISTS outbox_event_unsent_key_idx;
