package org.tongjie.loan.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.tongjie.loan.domain.Patron;

import java.util.Optional;
import java.util.UUID;

/** Patrons by card number. */
@ApplicationScoped
public class PatronRepository implements PanacheRepositoryBase<Patron, UUID> {

    public Optional<Patron> findByCard(String cardNumber) {
        return find("cardNumber", cardNumber).firstResultOptional();
    }

    /** The patron, locked for the rest of the transaction (loan counts and fines change under this lock). */
    public Optional<Patron> lockByCard(String cardNumber) {
        return find("cardNumber", cardNumber).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public boolean residentIdTaken(String digest) {
        return count("residentIdHash", digest) > 0;
    }
}
