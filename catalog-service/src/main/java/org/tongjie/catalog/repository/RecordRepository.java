package org.tongjie.catalog.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.tongjie.catalog.domain.BibRecord;

import java.util.Optional;
import java.util.UUID;

/** Bibliographic records by id and ISBN. */
@ApplicationScoped
public class RecordRepository implements PanacheRepositoryBase<BibRecord, UUID> {

    public Optional<BibRecord> findByIsbn(String isbn13) {
        return find("isbn", isbn13).firstResultOptional();
    }
}
