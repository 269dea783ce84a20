CREATE TABLE library (
    code         varchar(32)  PRIMARY KEY,
    name         varchar(200) NOT NULL,
    level        varchar(16)  NOT NULL CHECK (level IN ('PROVINCIAL', 'CITY', 'DISTRICT', 'COUNTY', 'TOWNSHIP', 'VILLAGE')),
    parent_code  varchar(32)  REFERENCES library (code),
    region_code  varchar(12)  NOT NULL,
    address      varchar(300),
    latitude     double precision,
    longitude    double precision,
    created_at   timestamptz  NOT NULL,
    version      bigint       NOT NULL DEFAULT 0
);

CREATE INDEX library_parent_idx ON library (parent_code);
CREATE INDEX library_level_idx ON library (level, code);

CREATE TABLE service_point (
    code           varchar(32)  PRIMARY KEY,
    library_code   varchar(32)  NOT NULL REFERENCES library (code),
    name           varchar(200) NOT NULL,
    type           varchar(24)  NOT NULL CHECK (type IN ('DESK', 'SELF_SERVICE_24H', 'READING_BAR', 'VILLAGE_BOOK_HOUSE', 'LOCKER')),
    can_lend       boolean      NOT NULL,
    can_return     boolean      NOT NULL,
    can_hold_pickup boolean     NOT NULL,
    delivery_hub   boolean      NOT NULL,
    address        varchar(300),
    latitude       double precision,
    longitude      double precision,
    created_at     timestamptz  NOT NULL,
    version        bigint       NOT NULL DEFAULT 0
);

CREATE INDEX service_point_library_idx ON service_point (library_code, code);
