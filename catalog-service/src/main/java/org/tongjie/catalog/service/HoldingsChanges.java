package org.tongjie.catalog.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.tongjie.catalog.domain.BibRecord;
import org.tongjie.catalog.domain.Copy;
import org.tongjie.catalog.domain.CopyCirculation;
import org.tongjie.catalog.domain.ServicePoint;
import org.tongjie.catalog.events.CopyDescribed;
import org.tongjie.catalog.events.CopyWithdrawn;
import org.tongjie.catalog.events.RecordDescribed;
import org.tongjie.catalog.search.RecordIndexer;
import org.tongjie.platform.outbox.Outbox;

import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * Every change to records and copies, with what must go with it in the same transaction: the search
 * index, the availability row and the event. Used alike by the API and by the holdings sync.
 */
@ApplicationScoped
public class HoldingsChanges {

    private final EntityManager em;
    private final RecordIndexer indexer;
    private final Outbox outbox;
    private final Clock clock;
    private final HoldingsIndicators indicators;

    HoldingsChanges(EntityManager em, RecordIndexer indexer, Outbox outbox, Clock clock,
            HoldingsIndicators indicators) {
        this.indicators = indicators;
        this.em = em;
        this.indexer = indexer;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Persists a new record; a duplicate ISBN fails at the flush. */
    @Transactional(Transactional.TxType.MANDATORY)
    public BibRecord catalogue(BibRecord.Description description, String cataloguingLibrary) {
        BibRecord record = catalogueUnindexed(description, cataloguingLibrary);
        index(List.of(record));
        return record;
    }

    /**
     * The same without flushing or indexing yet, for a batch that indexes all its records at once after one flush
     * ({@link #index}) instead of flushing every record it makes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public BibRecord catalogueUnindexed(BibRecord.Description description, String cataloguingLibrary) {
        BibRecord record = BibRecord.catalogue(description, cataloguingLibrary, clock.instant());
        em.persist(record);
        outbox.add(RecordDescribed.registered(record));
        indicators.catalogued(record, cataloguingLibrary, clock.instant());
        return record;
    }

    /** Returns false when the description was already this. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean redescribe(BibRecord record, BibRecord.Description description) {
        if (!redescribeUnindexed(record, description)) {
            return false;
        }
        index(List.of(record));
        return true;
    }

    /** The same without flushing or indexing yet, like {@link #catalogueUnindexed}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean redescribeUnindexed(BibRecord record, BibRecord.Description description) {
        if (!record.redescribe(description, clock.instant())) {
            return false;
        }
        outbox.add(RecordDescribed.updated(record));
        return true;
    }

    /** Flushes this transaction's changes and indexes these records for search, in one batched statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void index(Collection<BibRecord> records) {
        em.flush();
        indexer.index(records);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Copy register(String barcode, BibRecord record, ServicePoint home, String callNumber, String loanType) {
        Copy copy = persistNew(barcode, record, home, callNumber, loanType);
        em.flush();
        indicators.added(copy, clock.instant());
        return copy;
    }

    /**
     * The same for a caller that knows whether the library already held an active copy of the record (the holdings
     * sync counts them for a whole batch at once): nothing is read, and nothing is flushed yet.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Copy register(String barcode, BibRecord record, ServicePoint home, String callNumber, String loanType,
            boolean firstActiveCopyOfTitle) {
        Copy copy = persistNew(barcode, record, home, callNumber, loanType);
        indicators.added(copy, clock.instant(), firstActiveCopyOfTitle);
        return copy;
    }

    private Copy persistNew(String barcode, BibRecord record, ServicePoint home, String callNumber, String loanType) {
        Copy copy = Copy.register(barcode, record, home, callNumber, loanType, clock.instant());
        em.persist(copy);
        em.persist(CopyCirculation.onShelf(copy, clock.instant()));
        outbox.add(CopyDescribed.registered(copy, record));
        return copy;
    }

    /** Returns false when the copy already was like this. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean revise(Copy copy, BibRecord record, ServicePoint home, String callNumber, String loanType) {
        String formerLibrary = copy.libraryCode();
        java.util.UUID formerRecord = copy.recordId();
        if (!copy.revise(record, home, callNumber, loanType, clock.instant())) {
            return false;
        }
        em.flush();
        if (copy.status() == Copy.Status.ACTIVE) {
            indicators.moved(copy, formerLibrary, formerRecord, clock.instant());
        }
        em.find(CopyCirculation.class, copy.id()).relocate(copy, clock.instant());
        outbox.add(CopyDescribed.updated(copy, record));
        return true;
    }

    /** Returns false when the copy was already withdrawn. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean withdraw(Copy copy) {
        boolean wasActive = copy.status() == Copy.Status.ACTIVE;
        if (!copy.withdraw(clock.instant())) {
            return false;
        }
        em.flush();
        em.find(CopyCirculation.class, copy.id()).withdraw(clock.instant());
        outbox.add(CopyWithdrawn.of(copy));
        if (wasActive) {
            indicators.withdrawn(copy, clock.instant());
        }
        return true;
    }
}
