package org.tongjie.loan.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.tongjie.loan.domain.LibraryNode;
import org.tongjie.loan.domain.LoanPolicy;
import org.tongjie.loan.domain.PatronType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the loan policy for a library × patron type × loan type: the library's own most specific policy,
 * else its parent's, up the tree, else the network default.
 */
@ApplicationScoped
public class PolicyResolver {

    private static final int MAX_DEPTH = 8;

    private final EntityManager em;

    PolicyResolver(EntityManager em) {
        this.em = em;
    }

    public LoanPolicy resolve(String libraryCode, PatronType patronType, String loanType) {
        List<String> chain = ancestry(libraryCode);
        List<LoanPolicy> candidates = em.createQuery("select p from LoanPolicy p where p.libraryCode in :chain"
                + " or p.libraryCode is null", LoanPolicy.class).setParameter("chain", chain).getResultList();
        Comparator<LoanPolicy> closestLibrary = Comparator.comparingInt(p -> p.libraryCode() == null ? chain.size()
                : chain.indexOf(p.libraryCode()));
        return candidates.stream().filter(p -> p.specificityFor(patronType, loanType) >= 0)
                .min(closestLibrary.thenComparing(Comparator.comparingInt(
                        (LoanPolicy p) -> p.specificityFor(patronType, loanType)).reversed()))
                .orElseThrow(() -> new IllegalStateException("No network default loan policy"));
    }

    /** The library and its ancestors, nearest first. */
    private List<String> ancestry(String libraryCode) {
        List<String> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String code = libraryCode;
        while (code != null && chain.size() < MAX_DEPTH && seen.add(code)) {
            chain.add(code);
            LibraryNode node = em.find(LibraryNode.class, code);
            code = node == null ? null : node.parentCode();
        }
        return chain;
    }
}
