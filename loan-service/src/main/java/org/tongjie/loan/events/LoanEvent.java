package org.tongjie.loan.events;

import org.tongjie.loan.domain.Loan;
import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.events.Topics;

import java.time.Instant;
import java.util.UUID;

/**
 * A loan opened, was renewed, fell overdue or closed (topic {@code circulation.loans}, keyed by loan); the event type
 * says which.
 */
public record LoanEvent(@com.fasterxml.jackson.annotation.JsonIgnore String kind, UUID loanId, UUID copyId,
        String barcode, UUID recordId, UUID patronId, String cardNumber, String checkoutServicePoint,
        Instant loanedAt, Instant dueAt, int renewals, Instant returnedAt, String returnServicePoint, long fineFen,
        long version) implements DomainEvent {

    public static LoanEvent opened(Loan loan) {
        return of("LoanOpened", loan);
    }

    public static LoanEvent renewed(Loan loan) {
        return of("LoanRenewed", loan);
    }

    public static LoanEvent closed(Loan loan) {
        return of("LoanClosed", loan);
    }

    public static LoanEvent overdue(Loan loan) {
        return of("LoanOverdue", loan);
    }

    private static LoanEvent of(String kind, Loan loan) {
        return new LoanEvent(kind, loan.id(), loan.copyId(), loan.barcode(), loan.recordId(), loan.patronId(),
                loan.cardNumber(), loan.checkoutServicePoint(),
                loan.loanedAt(), loan.dueAt(), loan.renewals(), loan.returnedAt(), loan.returnServicePoint(),
                loan.fineFen(), loan.version());
    }

    @Override
    public String eventType() {
        return kind;
    }

    @Override
    public String topic() {
        return Topics.CIRCULATION_LOANS;
    }

    @Override
    public String aggregateType() {
        return "Loan";
    }

    @Override
    public String aggregateId() {
        return loanId.toString();
    }
}
