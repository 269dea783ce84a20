-- A machine client may be a library's partner bookstore (你选书·我买单): its tokens then carry the bookstore's
-- code and reach only that bookstore's purchase endpoints.
ALTER TABLE machine_client ADD COLUMN bookstore_code varchar(32);
CREATE UNIQUE INDEX machine_client_bookstore_idx ON machine_client (bookstore_code) WHERE bookstore_code IS NOT NULL;
