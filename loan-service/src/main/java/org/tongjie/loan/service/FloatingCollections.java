package org.tongjie.loan.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.tongjie.loan.domain.CirculationCopy;
import org.tongjie.loan.domain.LibraryNode;
import org.tongjie.loan.domain.ServicePointInfo;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Caller;

import java.time.Clock;
import java.util.Set;

/**
 * Floating collections (浮动馆藏): a library may let its copies, and its branches' copies, stay wherever in its
 * tree they are returned, instead of travelling home. Where several libraries up a copy's tree float, the
 * topmost one sets how far the copy may float.
 */
@ApplicationScoped
public class FloatingCollections {

    private final EntityManager em;
    private final ReferenceData tree;
    private final Caller caller;
    private final Clock clock;

    FloatingCollections(EntityManager em, ReferenceData tree, Caller caller, Clock clock) {
        this.em = em;
        this.tree = tree;
        this.caller = caller;
        this.clock = clock;
    }

    /** Whether a copy checked in at {@code at} stays there (its collection floats that far). */
    public boolean floatsAt(CirculationCopy copy, ServicePointInfo at) {
        Set<String> floating = tree.floatingLibraries();
        if (floating.isEmpty()) {
            return false;
        }
        String group = tree.ancestry(copy.libraryCode()).stream().filter(floating::contains)
                .reduce((nearer, higher) -> higher).orElse(null);
        return group != null && tree.ancestry(at.libraryCode()).contains(group);
    }

    /** Lets a library's collection float (or stops it); by an administrator of that library. */
    @Transactional
    public void set(String libraryCode, boolean floats) {
        caller.requireActsFor(libraryCode);
        if (em.find(LibraryNode.class, libraryCode) == null) {
            throw ProblemException.notFound("LIBRARY_UNKNOWN", "No library " + libraryCode);
        }
        tree.changed();
        if (floats) {
            em.createNativeQuery("INSERT INTO floating_collection (library_code, since, set_by) VALUES (?1, ?2, ?3)"
                    + " ON CONFLICT (library_code) DO NOTHING").setParameter(1, libraryCode)
                    .setParameter(2, clock.instant()).setParameter(3, caller.subject()).executeUpdate();
        } else {
            em.createNativeQuery("DELETE FROM floating_collection WHERE library_code = ?1")
                    .setParameter(1, libraryCode).executeUpdate();
        }
    }

    /** Whether the library itself has its collection floating. */
    public boolean floats(String libraryCode) {
        return !em.createNativeQuery("SELECT 1 FROM floating_collection WHERE library_code = ?1")
                .setParameter(1, libraryCode).getResultList().isEmpty();
    }
}
