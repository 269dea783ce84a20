package org.tongjie.loan.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.tongjie.loan.domain.LoanPolicy;
import org.tongjie.loan.domain.PatronType;

import java.util.List;

/**
 * Finds the loan policy for a library × patron type × loan type: the library's own most specific policy,
 * else its parent's, up the tree, else the network default.
 */
@ApplicationScoped
public class PolicyResolver {

    private final ReferenceData reference;

    PolicyResolver(ReferenceData reference) {
        this.reference = reference;
    }

    public LoanPolicy resolve(String libraryCode, PatronType patronType, String loanType) {
        for (String library : reference.ancestry(libraryCode)) {
            LoanPolicy own = mostSpecific(reference.policiesOf(library), patronType, loanType);
            if (own != null) {
                return own;
            }
        }
        LoanPolicy network = mostSpecific(reference.policiesOf(null), patronType, loanType);
        if (network == null) {
            throw new IllegalStateException("No network default loan policy");
        }
        return network;
    }

    /** The policy that names most of the patron type and loan type, of those that apply; null when none does. */
    private static LoanPolicy mostSpecific(List<LoanPolicy> policies, PatronType patronType, String loanType) {
        LoanPolicy best = null;
        int bestSpecificity = -1;
        for (LoanPolicy policy : policies) {
            int specificity = policy.specificityFor(patronType, loanType);
            if (specificity > bestSpecificity) {
                best = policy;
                bestSpecificity = specificity;
            }
        }
        return best;
    }
}
