-- delivery-service's projection of the libraries and service points it delivers from and to.

CREATE TABLE delivery_point (
    code          varchar(32)  PRIMARY KEY,
    library_code  varchar(32)  NOT NULL,
    name          varchar(200) NOT NULL,
    type          varchar(24)  NOT NULL,
    hold_pickup   boolean      NOT NULL,
    delivery_hub  boolean      NOT NULL,
    updated_at    timestamptz  NOT NULL
);

CREATE INDEX delivery_point_library_idx ON delivery_point (library_code, code);
