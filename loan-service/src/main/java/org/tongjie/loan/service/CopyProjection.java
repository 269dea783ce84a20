package org.tongjie.loan.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.tongjie.loan.domain.CirculationCopy;
import org.tongjie.loan.repository.CirculationCopyRepository;

import java.time.Clock;
import java.util.Optional;

/** loan-service's view of every copy in the network, fed by catalog events. */
@ApplicationScoped
public class CopyProjection {

    private final CirculationCopyRepository copies;
    private final Clock clock;

    CopyProjection(CirculationCopyRepository copies, Clock clock) {
        this.copies = copies;
        this.clock = clock;
    }

    /** Adds a newly registered copy, or refreshes it when the event is newer than what is held. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void register(CirculationCopy.CatalogFacts facts) {
        copies.findByIdOptional(facts.copyId()).ifPresentOrElse(
                existing -> existing.adopt(facts, clock.instant()),
                () -> copies.persist(CirculationCopy.shelved(facts, clock.instant())));
    }

    /** Marks a copy the catalog withdrew; unknown copies are ignored (nothing to lend). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void withdraw(java.util.UUID copyId, long catalogVersion) {
        copies.findByIdOptional(copyId).ifPresent(copy -> copy.withdraw(catalogVersion, clock.instant()));
    }

    public Optional<CirculationCopy> byBarcode(String barcode) {
        return copies.findByBarcode(barcode);
    }
}
