package org.tongjie.loan.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.tongjie.loan.domain.LibraryNode;
import org.tongjie.platform.library.Ancestry;

import java.util.List;

/** The library tree as the catalog announced it: ancestors for policy inheritance and closeness. */
@ApplicationScoped
public class LibraryTree {

    private final EntityManager em;

    LibraryTree(EntityManager em) {
        this.em = em;
    }

    /** The library and its ancestors, nearest first. */
    public List<String> ancestry(String libraryCode) {
        return Ancestry.of(libraryCode, code -> {
            LibraryNode node = em.find(LibraryNode.class, code);
            return node == null ? null : node.parentCode();
        });
    }
}
