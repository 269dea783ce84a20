-- Indicators: what happened, counted per library and day, so reports over a year of a province-size network
-- read a few thousand pre-summed rows instead of the services' tables.
--
-- indicator_fact takes one narrow row per fact in the transaction of the change itself (nothing lost, nothing
-- doubled); the roll-up moves facts into indicator_daily / indicator_total / indicator_member and deletes them
-- in one statement. bucket: -1 a count, -2 a change of a stock (a level such as copies held), -3 a member of a
-- distinct set (value unused), 0 and above a duration histogram bucket (value = how many fell in it).
CREATE TABLE indicator_fact (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    library_code varchar(32)  NOT NULL,
    counterpart  varchar(32)  NOT NULL DEFAULT '',
    metric       varchar(64)  NOT NULL,
    day          date         NOT NULL,
    bucket       smallint     NOT NULL,
    value        bigint       NOT NULL,
    member       uuid
);

-- counterpart: the other library of a cross-library fact (the owning library of a copy lent here), else ''.
CREATE TABLE indicator_daily (
    library_code varchar(32)  NOT NULL,
    day          date         NOT NULL,
    metric       varchar(64)  NOT NULL,
    counterpart  varchar(32)  NOT NULL,
    bucket       smallint     NOT NULL,
    value        bigint       NOT NULL,
    PRIMARY KEY (library_code, day, metric, counterpart, bucket)
);

CREATE INDEX indicator_daily_counterpart_idx ON indicator_daily (counterpart, day) WHERE counterpart <> '';

-- The same sums per calendar month (month = its first day): a year's report reads twelve rows per library and
-- indicator, and days only for the partial months at either end of its range.
CREATE TABLE indicator_monthly (
    library_code varchar(32)  NOT NULL,
    month        date         NOT NULL,
    metric       varchar(64)  NOT NULL,
    counterpart  varchar(32)  NOT NULL,
    bucket       smallint     NOT NULL,
    value        bigint       NOT NULL,
    PRIMARY KEY (library_code, month, metric, counterpart, bucket)
);

CREATE INDEX indicator_monthly_counterpart_idx ON indicator_monthly (counterpart, month) WHERE counterpart <> '';

-- The current level of every stock, so a level at the end of a period is the total less what changed since.
CREATE TABLE indicator_total (
    library_code varchar(32)  NOT NULL,
    metric       varchar(64)  NOT NULL,
    value        bigint       NOT NULL,
    PRIMARY KEY (library_code, metric)
);

-- Distinct members (e.g. patrons who borrowed) per library and calendar month.
CREATE TABLE indicator_member (
    library_code varchar(32)  NOT NULL,
    metric       varchar(64)  NOT NULL,
    month        date         NOT NULL,
    member       uuid         NOT NULL,
    PRIMARY KEY (library_code, metric, month, member)
);
