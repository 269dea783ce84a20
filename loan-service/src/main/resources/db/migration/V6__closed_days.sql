-- Days a library is closed: a loan due on one is due on the next open day instead.
CREATE TABLE closed_day (
    library_code varchar(32) NOT NULL,
    day          date        NOT NULL,
    PRIMARY KEY (library_code, day)
);
