-- Transactional outbox. Column names follow Debezium's outbox event router so change data capture can
-- replace the relay; seq orders events, sent_at marks what the relay has published.
CREATE TABLE outbox_event (
    seq                bigint GENERATED ALWAYS AS IDENTITY,
    id                 uuid         NOT NULL PRIMARY KEY,
    aggregatetype      varchar(100) NOT NULL,
    aggregateid        varchar(200) NOT NULL,
    type               varchar(100) NOT NULL,
    timestamp          timestamptz  NOT NULL,
    payload            jsonb        NOT NULL,
    topic              varchar(200) NOT NULL,
    traceparent        varchar(64),
    tracingspancontext varchar(256),
    sent_at            timestamptz
);

CREATE UNIQUE INDEX outbox_event_seq_idx ON outbox_event (seq);
CREATE INDEX outbox_event_unsent_idx ON outbox_event (seq) WHERE sent_at IS NULL;
CREATE INDEX outbox_event_unsent_key_idx ON outbox_event (aggregatetype, aggregateid, seq) WHERE sent_at IS NULL;
CREATE INDEX outbox_event_sent_idx ON outbox_event (sent_at) WHERE sent_at IS NOT NULL;
