package org.tongjie.catalog.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.tongjie.catalog.domain.BibRecord;
import org.tongjie.catalog.domain.Copy;
import org.tongjie.platform.indicators.Indicators;

import java.time.Instant;
import java.util.UUID;

/**
 * What the catalog counts for the network's indicators: copies added and withdrawn with the copies held, titles
 * held (records with at least one active copy at the library), and records catalogued.
 */
@ApplicationScoped
public class HoldingsIndicators {

    public static final String COPIES = "holdings.copies";
    public static final String TITLES = "holdings.titles";
    public static final String COPIES_ADDED = "copies.added";
    public static final String COPIES_WITHDRAWN = "copies.withdrawn";
    public static final String RECORDS = "records";
    public static final String RECORDS_CATALOGUED = "records.catalogued";

    private final Indicators indicators;
    private final EntityManager em;

    HoldingsIndicators(Indicators indicators, EntityManager em) {
        this.indicators = indicators;
        this.em = em;
    }

    public void catalogued(BibRecord record, String library, Instant at) {
        indicators.count(library, RECORDS_CATALOGUED, at);
        indicators.stock(library, RECORDS, at, 1);
    }

    /** A copy joined the library's collection (flushed already, so it counts itself among the active copies). */
    public void added(Copy copy, Instant at) {
        added(copy, at, activeCopies(copy.recordId(), copy.libraryCode()) == 1);
    }

    /** A copy joined the library's collection; {@code firstOfTitle} when the library held no active copy of it. */
    public void added(Copy copy, Instant at, boolean firstOfTitle) {
        indicators.count(copy.libraryCode(), COPIES_ADDED, at);
        indicators.stock(copy.libraryCode(), COPIES, at, 1);
        if (firstOfTitle) {
            indicators.stock(copy.libraryCode(), TITLES, at, 1);
        }
    }

    /** A copy left the collection (flushed already). */
    public void withdrawn(Copy copy, Instant at) {
        indicators.count(copy.libraryCode(), COPIES_WITHDRAWN, at);
        indicators.stock(copy.libraryCode(), COPIES, at, -1);
        if (activeCopies(copy.recordId(), copy.libraryCode()) == 0) {
            indicators.stock(copy.libraryCode(), TITLES, at, -1);
        }
    }

    /** An active copy now belongs to another library or record: the levels follow it, nothing is added. */
    public void moved(Copy copy, String formerLibrary, UUID formerRecord, Instant at) {
        if (formerLibrary.equals(copy.libraryCode()) && formerRecord.equals(copy.recordId())) {
            return;
        }
        if (!formerLibrary.equals(copy.libraryCode())) {
            indicators.stock(formerLibrary, COPIES, at, -1);
            indicators.stock(copy.libraryCode(), COPIES, at, 1);
        }
        if (activeCopies(formerRecord, formerLibrary) == 0) {
            indicators.stock(formerLibrary, TITLES, at, -1);
        }
        if (activeCopies(copy.recordId(), copy.libraryCode()) == 1) {
            indicators.stock(copy.libraryCode(), TITLES, at, 1);
        }
    }

    private long activeCopies(UUID recordId, String library) {
        return em.createQuery("select count(c) from Copy c where c.recordId = ?1 and c.libraryCode = ?2"
                + " and c.status = ?3", Long.class).setParameter(1, recordId).setParameter(2, library)
                .setParameter(3, Copy.Status.ACTIVE).getSingleResult();
    }
}
