-- Staff accounts (LIBRARIAN, ADMIN, OPERATOR) and machine clients (SYSTEM) of district library systems.
CREATE TABLE staff_account (
    username      varchar(64)  PRIMARY KEY,
    password_hash varchar(100) NOT NULL,
    display_name  varchar(200) NOT NULL,
    role          varchar(16)  NOT NULL CHECK (role IN ('LIBRARIAN', 'ADMIN', 'OPERATOR')),
    library_code  varchar(32),
    enabled       boolean      NOT NULL DEFAULT true,
    created_at    timestamptz  NOT NULL,
    version       bigint       NOT NULL DEFAULT 0
);

CREATE TABLE machine_client (
    client_id     varchar(64)  PRIMARY KEY,
    secret_hash   varchar(100) NOT NULL,
    display_name  varchar(200) NOT NULL,
    library_code  varchar(32)  NOT NULL,
    enabled       boolean      NOT NULL DEFAULT true,
    created_at    timestamptz  NOT NULL,
    version       bigint       NOT NULL DEFAULT 0
);

CREATE INDEX staff_account_library_idx ON staff_account (library_code);
CREATE INDEX machine_client_library_idx ON machine_client (library_code);
