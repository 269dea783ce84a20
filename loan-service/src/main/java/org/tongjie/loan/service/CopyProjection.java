package org.tongjie.loan.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.tongjie.loan.domain.CirculationCopy;
import org.tongjie.loan.repository.CirculationCopyRepository;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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

    /**
     * The copies among these that are known here, by id, read with one statement: a poll's events are applied to
     * them with {@link #register(CirculationCopy.CatalogFacts, Map)} and {@link #withdraw(UUID, long, Map)}
     * instead of each event looking its copy up.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, CirculationCopy> known(Collection<UUID> copyIds) {
        Map<UUID, CirculationCopy> known = new HashMap<>();
        copies.byIds(copyIds).forEach(copy -> known.put(copy.copyId(), copy));
        return known;
    }

    /** As {@link #register(CirculationCopy.CatalogFacts)}, with the poll's known copies, which it adds to. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void register(CirculationCopy.CatalogFacts facts, Map<UUID, CirculationCopy> known) {
        CirculationCopy existing = known.get(facts.copyId());
        if (existing != null) {
            existing.adopt(facts, clock.instant());
        } else {
            CirculationCopy shelved = CirculationCopy.shelved(facts, clock.instant());
            copies.persist(shelved);
            known.put(facts.copyId(), shelved);
        }
    }

    /** As {@link #withdraw(UUID, long)}, with the poll's known copies. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void withdraw(UUID copyId, long catalogVersion, Map<UUID, CirculationCopy> known) {
        CirculationCopy copy = known.get(copyId);
        if (copy != null) {
            copy.withdraw(catalogVersion, clock.instant());
        }
    }

    /** Marks a copy the catalog withdrew; unknown copies are ignored (nothing to lend). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void withdraw(UUID copyId, long catalogVersion) {
        copies.findByIdOptional(copyId).ifPresent(copy -> copy.withdraw(catalogVersion, clock.instant()));
    }

    public Optional<CirculationCopy> byBarcode(String barcode) {
        return copies.findByBarcode(barcode);
    }
}
