package org.tongjie.catalog.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.tongjie.catalog.domain.ThemedCollection;
import org.tongjie.catalog.repository.RecordRepository;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.rest.Page;
import org.tongjie.platform.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Curating themed collections: a library's staff gather records held anywhere in the network. */
@ApplicationScoped
public class Collections {

    private final EntityManager em;
    private final RecordRepository records;
    private final Caller caller;
    private final Clock clock;

    Collections(EntityManager em, RecordRepository records, Caller caller, Clock clock) {
        this.em = em;
        this.records = records;
        this.caller = caller;
        this.clock = clock;
    }

    /** A record in a collection, in the order it was added. */
    public record Item(UUID recordId, String title, List<String> authors, String isbn, String note, Instant addedAt) {
    }

    @Transactional
    public ThemedCollection curate(String libraryCode, String title, String description) {
        caller.requireActsFor(libraryCode);
        if (em.find(org.tongjie.catalog.domain.Library.class, libraryCode) == null) {
            throw ProblemException.invalidField("LIBRARY_UNKNOWN", "libraryCode", "No library " + libraryCode);
        }
        ThemedCollection collection = ThemedCollection.curate(libraryCode, title, description, clock.instant());
        em.persist(collection);
        return collection;
    }

    /** Adds a record; adding it again changes nothing. Returns whether it was added now. */
    @Transactional
    public boolean add(UUID collectionId, UUID recordId, String note) {
        ThemedCollection collection = ownCollection(collectionId);
        records.findByIdOptional(recordId).orElseThrow(() -> ProblemException.invalidField("RECORD_UNKNOWN",
                "recordId", "No record " + recordId));
        long size = ((Number) em.createNativeQuery("SELECT count(*) FROM collection_item WHERE collection_id = ?1")
                .setParameter(1, collectionId).getSingleResult()).longValue();
        if (size >= ThemedCollection.MAX_ITEMS) {
            throw ProblemException.conflict("COLLECTION_FULL", "A collection holds at most "
                    + ThemedCollection.MAX_ITEMS + " records");
        }
        // The collection row is locked, so the count above holds until this insert commits.
        int inserted = em.createNativeQuery("INSERT INTO collection_item (collection_id, record_id, note, added_at)"
                + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING").setParameter(1, collectionId)
                .setParameter(2, recordId).setParameter(3, note).setParameter(4, clock.instant()).executeUpdate();
        collection.touched(clock.instant());
        return inserted == 1;
    }

    @Transactional
    public void remove(UUID collectionId, UUID recordId) {
        ThemedCollection collection = ownCollection(collectionId);
        em.createNativeQuery("DELETE FROM collection_item WHERE collection_id = ?1 AND record_id = ?2")
                .setParameter(1, collectionId).setParameter(2, recordId).executeUpdate();
        collection.touched(clock.instant());
    }

    public ThemedCollection find(UUID id) {
        ThemedCollection collection = em.find(ThemedCollection.class, id);
        if (collection == null) {
            throw ProblemException.notFound("COLLECTION_NOT_FOUND", "No collection " + id);
        }
        return collection;
    }

    public Page<ThemedCollection> list(String libraryCode, int page, int size) {
        String where = libraryCode == null ? "" : " where c.libraryCode = :library";
        var query = em.createQuery("select c from ThemedCollection c" + where + " order by c.updatedAt desc, c.id",
                ThemedCollection.class);
        var count = em.createQuery("select count(c) from ThemedCollection c" + where, Long.class);
        if (libraryCode != null) {
            query.setParameter("library", libraryCode);
            count.setParameter("library", libraryCode);
        }
        List<ThemedCollection> items = query.setFirstResult(page * size).setMaxResults(size).getResultList();
        return new Page<>(items, page, size, count.getSingleResult());
    }

    @SuppressWarnings("unchecked")
    public Page<Item> items(UUID collectionId, int page, int size) {
        find(collectionId);
        List<Object[]> rows = em.createNativeQuery("SELECT r.id, r.title, r.authors, r.isbn, i.note, i.added_at"
                + " FROM collection_item i JOIN bib_record r ON r.id = i.record_id WHERE i.collection_id = ?1"
                + " ORDER BY i.added_at, i.record_id LIMIT ?2 OFFSET ?3").setParameter(1, collectionId)
                .setParameter(2, size).setParameter(3, page * size).getResultList();
        long total = ((Number) em.createNativeQuery("SELECT count(*) FROM collection_item WHERE collection_id = ?1")
                .setParameter(1, collectionId).getSingleResult()).longValue();
        List<Item> items = rows.stream().map(r -> new Item((UUID) r[0], (String) r[1],
                r[2] == null ? List.of() : List.of((String[]) r[2]), r[3] == null ? null : ((String) r[3]).trim(),
                (String) r[4], r[5] instanceof Instant instant ? instant
                        : ((java.sql.Timestamp) r[5]).toInstant())).toList();
        return new Page<>(items, page, size, total);
    }

    private ThemedCollection ownCollection(UUID id) {
        ThemedCollection collection = em.find(ThemedCollection.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (collection == null) {
            throw ProblemException.notFound("COLLECTION_NOT_FOUND", "No collection " + id);
        }
        caller.requireActsFor(collection.libraryCode());
        return collection;
    }
}
