package org.tongjie.loan.purchase;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.tongjie.loan.domain.Loan;
import org.tongjie.loan.domain.Patron;

import java.time.Instant;
import java.util.UUID;

/**
 * A book bought for a reader at a partner bookstore, one per receipt. PENDING while the catalog makes its copy;
 * COMPLETED when the copy is lent to the reader; ABANDONED when that never happened.
 */
@Entity
@Table(name = "purchase")
public class Purchase {

    public enum Status { PENDING, COMPLETED, ABANDONED }

    @Id
    private UUID id;
    @Column(name = "bookstore_code")
    private String bookstoreCode;
    @Column(name = "library_code")
    private String libraryCode;
    @Column(name = "receipt_number")
    private String receiptNumber;
    @Column(name = "patron_id")
    private UUID patronId;
    @Column(name = "card_number")
    private String cardNumber;
    private String isbn;
    @Column(name = "price_fen")
    private long priceFen;
    private String title;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "record_id")
    private UUID recordId;
    @Column(name = "copy_id")
    private UUID copyId;
    private String barcode;
    @Column(name = "call_number")
    private String callNumber;
    @Column(name = "loan_id")
    private UUID loanId;
    @Column(name = "due_at")
    private Instant dueAt;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "completed_at")
    private Instant completedAt;
    @Column(name = "abandoned_at")
    private Instant abandonedAt;

    protected Purchase() {
    }

    public static Purchase pending(Bookstore bookstore, String receiptNumber, Patron patron, String isbn13,
            long priceFen, String title, Instant now) {
        Purchase purchase = new Purchase();
        purchase.id = UUID.randomUUID();
        purchase.bookstoreCode = bookstore.code();
        purchase.libraryCode = bookstore.libraryCode();
        purchase.receiptNumber = receiptNumber;
        purchase.patronId = patron.id();
        purchase.cardNumber = patron.cardNumber();
        purchase.isbn = isbn13;
        purchase.priceFen = priceFen;
        purchase.title = title;
        purchase.status = Status.PENDING;
        purchase.createdAt = now;
        return purchase;
    }

    /** Whether a repeated request with this receipt asks for the same thing. */
    public boolean sameAs(String card, String isbn13, long price) {
        return cardNumber.equals(card) && isbn.equals(isbn13) && priceFen == price;
    }

    public void complete(Loan loan, String recordTitle, String copyCallNumber, Instant now) {
        status = Status.COMPLETED;
        recordId = loan.recordId();
        copyId = loan.copyId();
        barcode = loan.barcode();
        title = recordTitle;
        callNumber = copyCallNumber;
        loanId = loan.id();
        dueAt = loan.dueAt();
        completedAt = now;
    }

    public void abandon(Instant now) {
        status = Status.ABANDONED;
        abandonedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String bookstoreCode() {
        return bookstoreCode;
    }

    public String libraryCode() {
        return libraryCode;
    }

    public String receiptNumber() {
        return receiptNumber;
    }

    public UUID patronId() {
        return patronId;
    }

    public String cardNumber() {
        return cardNumber;
    }

    public String isbn() {
        return isbn;
    }

    public long priceFen() {
        return priceFen;
    }

    public String title() {
        return title;
    }

    public Status status() {
        return status;
    }

    public UUID recordId() {
        return recordId;
    }

    public UUID copyId() {
        return copyId;
    }

    public String barcode() {
        return barcode;
    }

    public String callNumber() {
        return callNumber;
    }

    public UUID loanId() {
        return loanId;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant completedAt() {
        return completedAt;
    }
}
