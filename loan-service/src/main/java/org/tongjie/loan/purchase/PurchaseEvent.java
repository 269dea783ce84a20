package org.tongjie.loan.purchase;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.events.Topics;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A purchase at a partner bookstore completed (BookPurchased: the copy joined the library's collection on loan to
 * its reader) or was abandoned unfinished (PurchaseAbandoned: its provisional copy is to be discarded); topic
 * {@code circulation.purchases}, keyed by purchase.
 */
public record PurchaseEvent(@JsonIgnore String kind, UUID purchaseId, String bookstoreCode, String libraryCode,
        String receiptNumber, String cardNumber, String isbn, long priceFen, UUID recordId, UUID copyId,
        String barcode, String title, UUID loanId, String checkoutServicePointCode, LocalDate dueDate,
        long copyVersion) implements DomainEvent {

    public static PurchaseEvent purchased(Purchase purchase, String servicePoint, LocalDate dueDate,
            long copyVersion) {
        return new PurchaseEvent("BookPurchased", purchase.id(), purchase.bookstoreCode(), purchase.libraryCode(),
                purchase.receiptNumber(), purchase.cardNumber(), purchase.isbn(), purchase.priceFen(),
                purchase.recordId(), purchase.copyId(), purchase.barcode(), purchase.title(), purchase.loanId(),
                servicePoint, dueDate, copyVersion);
    }

    public static PurchaseEvent abandoned(Purchase purchase) {
        return new PurchaseEvent("PurchaseAbandoned", purchase.id(), purchase.bookstoreCode(),
                purchase.libraryCode(), purchase.receiptNumber(), purchase.cardNumber(), purchase.isbn(),
                purchase.priceFen(), null, null, null, purchase.title(), null, null, null, 0);
    }

    @Override
    public String eventType() {
        return kind;
    }

    @Override
    public String topic() {
        return Topics.CIRCULATION_PURCHASES;
    }

    @Override
    public String aggregateType() {
        return "Purchase";
    }

    @Override
    public String aggregateId() {
        return purchaseId.toString();
    }
}
