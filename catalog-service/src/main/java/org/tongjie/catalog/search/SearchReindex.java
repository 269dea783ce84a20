package org.tongjie.catalog.search;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.jpa.HibernateHints;
import org.jboss.logging.Logger;
import org.tongjie.catalog.domain.BibRecord;

import java.util.List;
import java.util.UUID;

/**
 * Indexes every record again when {@link CatalogAnalyzer} indexes differently from the analyzer that indexed them
 * ({@link #ANALYZER_VERSION}, against the {@code search_reindex} row): in the background, 500 records a
 * transaction in id order, resuming where it stopped after a restart. One replica does it at a time (the row is
 * locked with SKIP LOCKED). Records written meanwhile are indexed by the new analyzer anyway, and searches find
 * records of both: a query's prefix still matches what the older analyzer wrote (two initials, such as {@code zg},
 * find a record of more than two characters only once it is indexed again: version 3 added them).
 */
@ApplicationScoped
public class SearchReindex {

    /** Raise it whenever {@link CatalogAnalyzer#indexLexemes} changes what it writes. */
    public static final int ANALYZER_VERSION = 3;
    static final int BATCH = 500;

    private static final Logger LOG = Logger.getLogger(SearchReindex.class);

    private final EntityManager em;
    private final RecordIndexer indexer;
    private volatile boolean current;

    SearchReindex(EntityManager em, RecordIndexer indexer) {
        this.em = em;
        this.indexer = indexer;
    }

    @Scheduled(every = "${tongjie.search.reindex-every:10s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        if (current) {
            return;
        }
        try {
            reindex();
        } catch (RuntimeException e) {
            LOG.warnf("Re-indexing records for search stopped; it resumes on the next run: %s", e.getMessage());
        }
    }

    /**
     * Indexes, a batch per transaction, the records an older analyzer indexed, until none is left or another
     * replica holds the walk; returns how many records this call indexed.
     */
    public long reindex() {
        long indexed = 0;
        while (true) {
            Integer batch = QuarkusTransaction.requiringNew().call(this::nextBatch);
            if (batch == null) {
                return indexed;
            }
            indexed += batch;
            if (indexed % (100L * BATCH) == 0) {
                LOG.infof("Indexed %d records again for search so far", indexed);
            }
        }
    }

    /** One batch; null when there is nothing to do here (done, or another replica is at it). */
    private Integer nextBatch() {
        List<?> rows = em.createNativeQuery("SELECT analyzer_version, next_id FROM search_reindex WHERE id = 1"
                + " FOR UPDATE SKIP LOCKED").getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] state = (Object[]) rows.get(0);
        if (((Number) state[0]).intValue() >= ANALYZER_VERSION) {
            current = true;
            return null;
        }
        UUID after = (UUID) state[1];
        var query = after == null
                ? em.createQuery("from BibRecord r order by r.id", BibRecord.class)
                : em.createQuery("from BibRecord r where r.id > ?1 order by r.id", BibRecord.class)
                        .setParameter(1, after);
        List<BibRecord> batch = query.setMaxResults(BATCH).setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultList();
        indexer.index(batch);
        if (batch.size() < BATCH) {
            em.createNativeQuery("UPDATE search_reindex SET analyzer_version = ?1, next_id = NULL WHERE id = 1")
                    .setParameter(1, ANALYZER_VERSION).executeUpdate();
            current = true;
            LOG.infof("Records are indexed for search by analyzer version %d", ANALYZER_VERSION);
        } else {
            em.createNativeQuery("UPDATE search_reindex SET next_id = ?1 WHERE id = 1")
                    .setParameter(1, batch.get(batch.size() - 1).id()).executeUpdate();
            LOG.debugf("Re-indexed %d records for search, up to %s", batch.size(), batch.get(batch.size() - 1).id());
        }
        return batch.size();
    }
}
