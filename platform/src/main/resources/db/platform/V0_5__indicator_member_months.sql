-- Distinct members (e.g. readers who borrowed) per library and calendar month as one compressed bitmap
-- (RoaringBitmap's portable format) over small member numbers, in place of one row per member and month: a year's
-- distinct readers of the whole network are the union of twelve bitmaps, not a count(DISTINCT) over every
-- reader-month row. library_code '*' (never a library's code) holds the whole network's members.
CREATE TABLE indicator_member_ordinal (
    member  uuid     PRIMARY KEY,
    ordinal integer  GENERATED ALWAYS AS IDENTITY UNIQUE
);

CREATE TABLE indicator_member_month (
    library_code varchar(32)  NOT NULL,
    metric       varchar(64)  NOT NULL,
    month        date         NOT NULL,
    members      bytea        NOT NULL,
    member_count integer      NOT NULL,
    PRIMARY KEY (library_code, metric, month)
);

-- Already compressed: store out of line without compressing again.
ALTER TABLE indicator_member_month ALTER COLUMN members SET STORAGE EXTERNAL;

-- Members counted so far go back to the facts; the next roll-up writes them into the bitmaps.
INSERT INTO indicator_fact (library_code, metric, day, bucket, value, member)
SELECT library_code, metric, month, -3, 1, member FROM indicator_member ORDER BY month, library_code;

DROP TABLE indicator_member;

-- A level at the end of a period is today's less the stock changes since: read through these, not every row.
CREATE INDEX indicator_daily_stock_idx ON indicator_daily (library_code, day) WHERE bucket = -2;
CREATE INDEX indicator_monthly_stock_idx ON indicator_monthly (library_code, month) WHERE bucket = -2;

-- The whole network's sums under library '*' (never a library's code), so a network-wide report reads one row
-- per day or month and indicator instead of one per library; a fact of another library's copy has counterpart '*'.
INSERT INTO indicator_daily (library_code, day, metric, counterpart, bucket, value)
SELECT '*', day, metric, CASE WHEN counterpart <> '' AND counterpart <> library_code THEN '*' ELSE '' END, bucket,
       sum(value)
FROM indicator_daily GROUP BY 2, 3, 4, 5;

INSERT INTO indicator_monthly (library_code, month, metric, counterpart, bucket, value)
SELECT '*', month, metric, CASE WHEN counterpart <> '' AND counterpart <> library_code THEN '*' ELSE '' END, bucket,
       sum(value)
FROM indicator_monthly GROUP BY 2, 3, 4, 5;

INSERT INTO indicator_total (library_code, metric, value)
SELECT '*', metric, sum(value) FROM indicator_total GROUP BY 2;
