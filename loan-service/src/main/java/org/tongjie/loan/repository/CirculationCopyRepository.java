package org.tongjie.loan.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.tongjie.loan.domain.CirculationCopy;

import java.util.Optional;
import java.util.UUID;

/** The circulation copies by id and barcode. */
@ApplicationScoped
public class CirculationCopyRepository implements PanacheRepositoryBase<CirculationCopy, UUID> {

    public Optional<CirculationCopy> findByBarcode(String barcode) {
        return find("barcode", barcode).firstResultOptional();
    }

    /** The copy, locked until the transaction ends: whoever holds the lock decides its circulation. */
    public Optional<CirculationCopy> lockByBarcode(String barcode) {
        return find("barcode", barcode).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }
}
