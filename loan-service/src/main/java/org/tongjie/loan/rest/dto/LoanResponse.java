package org.tongjie.loan.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.loan.domain.Loan;

import java.time.Instant;
import java.util.UUID;

/** A loan. */
@Schema(name = "Loan")
public record LoanResponse(UUID id, UUID copyId, String barcode, UUID recordId,
        @Schema(description = "As catalogued when lent", example = "红楼梦") String title, String checkoutServicePoint,
        Instant loanedAt, Instant dueAt, int renewals, Loan.Status status, Instant returnedAt, String returnServicePoint, long fineFen) {

    public static LoanResponse from(Loan loan) {
        return new LoanResponse(loan.id(), loan.copyId(), loan.barcode(), loan.recordId(), loan.title(),
                loan.checkoutServicePoint(), loan.loanedAt(), loan.dueAt(),
                loan.renewals(), loan.status(), loan.returnedAt(), loan.returnServicePoint(), loan.fineFen());
    }
}
