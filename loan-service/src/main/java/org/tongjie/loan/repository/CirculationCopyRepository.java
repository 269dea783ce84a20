package org.tongjie.loan.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.tongjie.loan.domain.CirculationCopy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The circulation copies by id and barcode. */
@ApplicationScoped
public class CirculationCopyRepository implements PanacheRepositoryBase<CirculationCopy, UUID> {

    /** The copies of these ids that exist, managed, in one statement. */
    @SuppressWarnings("unchecked")
    public List<CirculationCopy> byIds(java.util.Collection<UUID> copyIds) {
        if (copyIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createNativeQuery("SELECT * FROM circulation_copy WHERE copy_id = ANY(?1)",
                CirculationCopy.class).setParameter(1, copyIds.toArray(UUID[]::new)).getResultList();
    }

    public Optional<CirculationCopy> findByBarcode(String barcode) {
        return find("barcode", barcode).firstResultOptional();
    }

    /** The copy, locked until the transaction ends: whoever holds the lock decides its circulation. */
    public Optional<CirculationCopy> lockByBarcode(String barcode) {
        return find("barcode", barcode).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }
}
