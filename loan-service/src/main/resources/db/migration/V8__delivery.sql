-- Holds fulfilled by home delivery (网借): the copy is pulled at its service point and shipped to the reader.
ALTER TABLE hold ADD COLUMN delivery_order_id uuid;
CREATE INDEX hold_delivery_order_idx ON hold (delivery_order_id) WHERE delivery_order_id IS NOT NULL;

-- Loans name their copy and reader the way the rest of the network does (barcode, card number).
ALTER TABLE loan ADD COLUMN barcode varchar(64);
ALTER TABLE loan ADD COLUMN card_number varchar(32);
UPDATE loan l SET barcode = c.barcode FROM circulation_copy c WHERE c.copy_id = l.copy_id;
UPDATE loan l SET card_number = p.card_number FROM patron p WHERE p.id = l.patron_id;
ALTER TABLE loan ALTER COLUMN barcode SET NOT NULL;
ALTER TABLE loan ALTER COLUMN card_number SET NOT NULL;

-- Delivery orders loan-service has answered, so a redelivered or late order is never allocated twice.
CREATE TABLE delivery_request (
    order_id     uuid        PRIMARY KEY,
    card_number  varchar(32) NOT NULL,
    status       varchar(16) NOT NULL CHECK (status IN ('ALLOCATED', 'CANCELLED')),
    handled_at   timestamptz NOT NULL
);
CREATE INDEX library_node_parent_idx ON library_node (parent_code);
