CREATE TABLE test_effect (
    event_id uuid NOT NULL,
    aggregate_id varchar(200) NOT NULL,
    n int NOT NULL
);
