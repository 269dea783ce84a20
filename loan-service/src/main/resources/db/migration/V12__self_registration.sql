-- Readers who sign up in the app (电子读者证) get a card number from this sequence: E + 11 digits.
CREATE SEQUENCE self_registered_card_seq START 1;
-- How the card came about: at a desk (STAFF) or in the app (SELF), so libraries can follow the latter up.
ALTER TABLE patron ADD COLUMN registered_by varchar(8) NOT NULL DEFAULT 'STAFF'
    CHECK (registered_by IN ('STAFF', 'SELF'));
