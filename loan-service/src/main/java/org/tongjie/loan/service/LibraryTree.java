package org.tongjie.loan.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.tongjie.loan.domain.LibraryNode;

import java.util.ArrayList;
import java.util.List;

/** The library tree as the catalog announced it: ancestors for policy inheritance and closeness. */
@ApplicationScoped
public class LibraryTree {

    private static final int MAX_DEPTH = 8;

    private final EntityManager em;

    LibraryTree(EntityManager em) {
        this.em = em;
    }

    /** The library and its ancestors, nearest first (bounded, and safe against a cycle in bad data). */
    public List<String> ancestry(String libraryCode) {
        List<String> chain = new ArrayList<>();
        String code = libraryCode;
        while (code != null && chain.size() < MAX_DEPTH && !chain.contains(code)) {
            chain.add(code);
            LibraryNode node = em.find(LibraryNode.class, code);
            code = node == null ? null : node.parentCode();
        }
        return chain;
    }
}
