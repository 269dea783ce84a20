package org.tongjie.loan.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.tongjie.loan.domain.LoanPolicy;
import org.tongjie.loan.domain.PatronType;

import java.util.Comparator;
import java.util.List;

/**
 * Finds the loan policy for a library × patron type × loan type: the library's own most specific policy,
 * else its parent's, up the tree, else the network default.
 */
@ApplicationScoped
public class PolicyResolver {

    private final EntityManager em;
    private final LibraryTree tree;

    PolicyResolver(EntityManager em, LibraryTree tree) {
        this.em = em;
        this.tree = tree;
    }

    public LoanPolicy resolve(String libraryCode, PatronType patronType, String loanType) {
        List<String> chain = tree.ancestry(libraryCode);
        List<LoanPolicy> candidates = em.createQuery("select p from LoanPolicy p where p.libraryCode in :chain"
                + " or p.libraryCode is null", LoanPolicy.class).setParameter("chain", chain).getResultList();
        Comparator<LoanPolicy> closestLibrary = Comparator.comparingInt(p -> p.libraryCode() == null ? chain.size()
                : chain.indexOf(p.libraryCode()));
        return candidates.stream().filter(p -> p.specificityFor(patronType, loanType) >= 0)
                .min(closestLibrary.thenComparing(Comparator.comparingInt(
                        (LoanPolicy p) -> p.specificityFor(patronType, loanType)).reversed()))
                .orElseThrow(() -> new IllegalStateException("No network default loan policy"));
    }

}
