-- Inbox: every event a consumer has acted on, recorded in the same transaction as the effect.
CREATE TABLE inbox_message (
    consumer    varchar(100) NOT NULL,
    event_id    uuid         NOT NULL,
    event_type  varchar(100) NOT NULL,
    received_at timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

CREATE INDEX inbox_message_received_idx ON inbox_message (received_at);
