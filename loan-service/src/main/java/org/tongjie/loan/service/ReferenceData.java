package org.tongjie.loan.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tongjie.loan.domain.LibraryNode;
import org.tongjie.loan.domain.LoanPolicy;
import org.tongjie.loan.domain.ServicePointInfo;
import org.tongjie.platform.library.Ancestry;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every check-out and check-in reads and almost nothing writes: service points, the library tree, loan
 * policies, the days libraries are closed (as the next open day after a date) and which libraries' collections
 * float, kept in memory for a short time
 * ({@code tongjie.circulation.reference-data-ttl}) instead of read from the database by every request.
 * <p>
 * A change made here (a consumed catalog event, a policy added, a day closed) empties the caches at once and again
 * when its transaction ends, so no request of this instance sees the old rows after the commit. Another instance
 * sees the change once its own entries expire. Entries are detached entities: read them, never change or merge them.
 * A code not found in the database is not remembered, so a service point or library that appears is seen at once.
 * <p>
 * A request that misses reads the rows itself, in its own transaction, and never waits for another request's read:
 * a request waiting for a key another is loading would hold its database connection while the loader waits for
 * one, which under load emptied the pool and stalled every check-out for seconds each time an entry expired.
 */
@ApplicationScoped
public class ReferenceData {

    /** Far more than a province's service points and libraries; a bound, not an expected size. */
    private static final long MAX_ENTRIES = 50_000;
    /** The key of the network defaults among the policies (library codes are never empty). */
    private static final String NETWORK = "";

    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;
    private final Cache<String, ServicePointInfo> servicePoints;
    private final Cache<String, List<String>> ancestries;
    private final Cache<String, List<LoanPolicy>> policies;
    private final Cache<OpenDay, LocalDate> openDays;
    private final Cache<String, Set<String>> floating;
    /** Counts the changes, so that a read begun before one is not kept after it. */
    private final AtomicLong changes = new AtomicLong();

    ReferenceData(EntityManager em, TransactionSynchronizationRegistry transactions, MeterRegistry registry,
            @ConfigProperty(name = "tongjie.circulation.reference-data-ttl") Duration ttl) {
        this.em = em;
        this.transactions = transactions;
        this.servicePoints = cache(registry, "reference.service-points", ttl);
        this.ancestries = cache(registry, "reference.library-ancestries", ttl);
        this.policies = cache(registry, "reference.loan-policies", ttl);
        this.openDays = cache(registry, "reference.open-days", ttl);
        this.floating = cache(registry, "reference.floating-collections", ttl);
    }

    /** A cache whose hits, misses, loads and evictions show in the metrics ({@code cache_gets_total} etc.). */
    private static <K, V> Cache<K, V> cache(MeterRegistry registry, String name, Duration ttl) {
        Cache<K, V> cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_ENTRIES).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, cache, name);
        return cache;
    }

    public Optional<ServicePointInfo> servicePoint(String code) {
        return Optional.ofNullable(cached(servicePoints, code, c -> em.find(ServicePointInfo.class, c)));
    }

    /** The library and its ancestors, nearest first, as far up as the tree knows them. */
    public List<String> ancestry(String libraryCode) {
        List<String> complete = cached(ancestries, libraryCode, code -> walk(code, true));
        return complete != null ? complete : walk(libraryCode, false);
    }

    /** The chain up from the library; null instead of a chain that ends at a library the tree does not know. */
    private List<String> walk(String libraryCode, boolean onlyComplete) {
        boolean[] unknown = {false};
        List<String> chain = Ancestry.of(libraryCode, code -> {
            LibraryNode node = em.find(LibraryNode.class, code);
            unknown[0] = node == null;
            return node == null ? null : node.parentCode();
        });
        return onlyComplete && unknown[0] ? null : List.copyOf(chain);
    }

    /** The library's own policies, or the network defaults for {@code null}. */
    public List<LoanPolicy> policiesOf(String libraryCode) {
        return cached(policies, libraryCode == null ? NETWORK : libraryCode, key -> List.copyOf((NETWORK.equals(key)
                ? em.createQuery("select p from LoanPolicy p where p.libraryCode is null", LoanPolicy.class)
                : em.createQuery("select p from LoanPolicy p where p.libraryCode = ?1", LoanPolicy.class)
                        .setParameter(1, key)).getResultList()));
    }

    /** The libraries whose collections float (a handful at most in a network). */
    public Set<String> floatingLibraries() {
        @SuppressWarnings("unchecked")
        Function<String, Set<String>> read = key -> Set.copyOf(em.createNativeQuery(
                "SELECT library_code FROM floating_collection").getResultList());
        return cached(floating, NETWORK, read);
    }

    /** A library's first open day on or after a day. */
    private record OpenDay(String libraryCode, LocalDate day) {
    }

    /** The library's first open day on or after {@code day}, as {@code fromCalendar} finds it in the database. */
    public LocalDate nextOpenDay(String libraryCode, LocalDate day, Supplier<LocalDate> fromCalendar) {
        return cached(openDays, new OpenDay(libraryCode, day), key -> fromCalendar.get());
    }

    /**
     * The cached value, or the one {@code read} finds (null: none, not kept). What was read is kept unless a change
     * came in while it was read; the check and the keeping are one step under the key's lock, so a change's
     * {@link #forgetAll} either finds it there and removes it, or has been counted and keeps it out.
     */
    private <K, V> V cached(Cache<K, V> cache, K key, Function<K, V> read) {
        V value = cache.getIfPresent(key);
        if (value != null) {
            return value;
        }
        long seen = changes.get();
        V found = read.apply(key);
        if (found != null) {
            cache.asMap().compute(key, (k, current) -> changes.get() == seen ? found : current);
        }
        return found;
    }

    /**
     * Forgets everything, now and when the current transaction ends: called by what changes service points, the
     * tree, policies, closed days or floating collections, inside the transaction that changes them.
     */
    public void changed() {
        forgetAll();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // Nothing to write.
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    forgetAll();
                }
            }
        });
    }

    private void forgetAll() {
        changes.incrementAndGet();
        servicePoints.invalidateAll();
        ancestries.invalidateAll();
        policies.invalidateAll();
        openDays.invalidateAll();
        floating.invalidateAll();
    }
}
