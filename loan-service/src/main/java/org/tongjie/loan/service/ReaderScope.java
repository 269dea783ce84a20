package org.tongjie.loan.service;

import jakarta.enterprise.context.RequestScoped;
import jakarta.persistence.EntityManager;
import org.tongjie.loan.domain.Patron;
import org.tongjie.platform.security.Caller;
import org.tongjie.platform.security.Roles;

import java.util.UUID;

/** What a reader's token may see: their own account only; staff and systems see any. */
@RequestScoped
public class ReaderScope {

    private final Caller caller;
    private final EntityManager em;

    ReaderScope(Caller caller, EntityManager em) {
        this.caller = caller;
        this.em = em;
    }

    /** True when the caller is a reader other than the one with this card (who must then get a 404). */
    public boolean hidesCard(String cardNumber) {
        return caller.hasRole(Roles.PATRON) && !cardNumber.equals(caller.subject());
    }

    /** The same for the patron with this id. */
    public boolean hidesPatron(UUID patronId) {
        return caller.hasRole(Roles.PATRON) && hidesCard(em.find(Patron.class, patronId).cardNumber());
    }
}
