package org.tongjie.loan.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.loan.domain.LoanPolicy;
import org.tongjie.loan.domain.PatronType;

/** A library's rules for one patron type and loan type (absent: any). Money in fen. */
@Schema(name = "LoanPolicyRequest")
public record LoanPolicyRequest(
        @Pattern(regexp = "[A-Z0-9][A-Z0-9_-]{1,31}") @Schema(description = "Absent: the network default",
                example = "SZL") String libraryCode,
        PatronType patronType,
        @Pattern(regexp = "[A-Z][A-Z_]{1,23}") @Schema(example = "STANDARD") String loanType,
        @Min(0) @Max(365) @Schema(example = "31", description = "0: not lent") int loanDays,
        @Min(0) @Max(20) @Schema(example = "1") int renewalsAllowed,
        @Min(0) @Max(365) @Schema(example = "31") int renewalDays,
        @Min(0) @Max(500) @Schema(example = "20") int maxLoans,
        @Min(0) @Max(100) @Schema(example = "5") int maxHolds,
        @Min(0) @Max(10_000) @Schema(example = "30", description = "Fine per day late, in fen") int finePerDayFen,
        @Min(0) @Max(1_000_000) @Schema(example = "1000", description = "Fine cap per loan, in fen") int fineCapFen,
        @Min(0) @Max(60) int graceDays,
        @Min(0) @Max(60) @Schema(example = "7") int holdShelfDays,
        @Min(0) @Max(1_000_000) @Schema(example = "1000", description = "Unpaid fines that block borrowing")
        int blockAtFineFen,
        @Min(0) @Max(100) @Schema(example = "5", description = "Overdue items that block borrowing, renewing and "
                + "holds; absent or 0: none") Integer blockAtOverdueItems) {

    public LoanPolicy.Terms terms() {
        return new LoanPolicy.Terms(loanDays, renewalsAllowed, renewalDays, maxLoans, maxHolds, finePerDayFen,
                fineCapFen, graceDays, holdShelfDays, blockAtFineFen,
                blockAtOverdueItems == null ? 0 : blockAtOverdueItems);
    }
}
