package org.tongjie.loan.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.loan.domain.LoanPolicy;

import java.util.UUID;

/** A loan policy (null library, patron type or loan type: any). */
@Schema(name = "LoanPolicy")
public record LoanPolicyResponse(UUID id, String libraryCode, String patronType, String loanType,
        LoanPolicy.Terms terms) {

    public static LoanPolicyResponse from(LoanPolicy policy) {
        return new LoanPolicyResponse(policy.id(), policy.libraryCode(), policy.patronType(), policy.loanType(),
                policy.terms());
    }
}
