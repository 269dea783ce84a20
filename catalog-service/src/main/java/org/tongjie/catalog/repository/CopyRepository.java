package org.tongjie.catalog.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.tongjie.catalog.domain.Copy;

import java.util.Optional;
import java.util.UUID;

/** Copies by id and barcode. */
@ApplicationScoped
public class CopyRepository implements PanacheRepositoryBase<Copy, UUID> {

    public Optional<Copy> findByBarcode(String barcode) {
        return find("barcode", barcode).firstResultOptional();
    }
}
