-- Pick lists name the book, not only its barcode: the title as loan-service knows it when the transfer is asked.
ALTER TABLE transfer ADD COLUMN title varchar(500);
