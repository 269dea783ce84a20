package org.tongjie.loan.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.loan.domain.Loan;

import java.time.Instant;
import java.util.UUID;

/** A loan. */
@Schema(name = "Loan")
public record LoanResponse(UUID id, UUID copyId, String barcode, UUID recordId,
        @Schema(description = "As catalogued when lent", example = "红楼梦") String title, String checkoutServicePoint,
        Instant loanedAt, Instant dueAt, int renewals, Loan.Status status, Instant returnedAt, String returnServicePoint,
        @Schema(description = "Fine of this loan so far (fen): accrued while overdue, final once returned") long fineFen,
        @Schema(description = "Open and past its due date now") boolean overdue) {

    /** The loan as of {@code now} (which decides whether an open loan is overdue). */
    public static LoanResponse from(Loan loan, Instant now) {
        return new LoanResponse(loan.id(), loan.copyId(), loan.barcode(), loan.recordId(), loan.title(),
                loan.checkoutServicePoint(), loan.loanedAt(), loan.dueAt(),
                loan.renewals(), loan.status(), loan.returnedAt(), loan.returnServicePoint(), loan.fineFen(),
                loan.status() == Loan.Status.OPEN && loan.dueAt().isBefore(now));
    }
}
