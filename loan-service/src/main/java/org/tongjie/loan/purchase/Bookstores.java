package org.tongjie.loan.purchase;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.tongjie.loan.domain.ServicePointInfo;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.rest.Page;
import org.tongjie.platform.rest.PagedQuery;
import org.tongjie.platform.security.Caller;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** Partner bookstores and each library's purchase rules, kept by the library's administrators. */
@ApplicationScoped
public class Bookstores {

    private final EntityManager em;
    private final Purchases purchases;
    private final BookstoreAccessRules access;
    private final Caller caller;
    private final Clock clock;

    Bookstores(EntityManager em, Purchases purchases, BookstoreAccessRules access, Caller caller, Clock clock) {
        this.em = em;
        this.purchases = purchases;
        this.access = access;
        this.caller = caller;
        this.clock = clock;
    }

    /** A registered or updated bookstore, and whether it was new. */
    public record Registration(Bookstore bookstore, boolean created) {
    }

    @Transactional
    public Registration register(String code, String libraryCode, String name, String servicePointCode,
            boolean active) {
        access.requireAdministratorOf(libraryCode);
        ServicePointInfo point = em.find(ServicePointInfo.class, servicePointCode);
        if (point == null || !point.libraryCode().equals(libraryCode)) {
            throw ProblemException.invalidField("SERVICE_POINT_UNKNOWN", "servicePointCode", servicePointCode
                    + " is not a service point of " + libraryCode);
        }
        Bookstore bookstore = em.find(Bookstore.class, code, LockModeType.PESSIMISTIC_WRITE);
        boolean created = bookstore == null;
        if (created) {
            bookstore = Bookstore.register(code, libraryCode, clock.instant());
        } else if (!bookstore.libraryCode().equals(libraryCode)) {
            throw ProblemException.conflict("BOOKSTORE_OF_ANOTHER_LIBRARY", "Bookstore " + code
                    + " is a partner of " + bookstore.libraryCode());
        }
        bookstore.describe(name, servicePointCode, active, clock.instant());
        if (created) {
            em.persist(bookstore);
        }
        return new Registration(bookstore, created);
    }

    public Bookstore get(String code) {
        Bookstore bookstore = purchases.bookstore(code);
        access.requireReader(bookstore);
        return bookstore;
    }

    public Page<Bookstore> ofLibrary(String libraryCode, int page, int size) {
        caller.requireActsFor(libraryCode);
        return PagedQuery.page(em, Bookstore.class, "e.libraryCode = ?1", "e.code", List.of(libraryCode), page, size);
    }

    public PurchaseRules rules(String libraryCode) {
        PurchaseRules rules = em.find(PurchaseRules.class, libraryCode);
        if (rules == null) {
            throw ProblemException.notFound("PURCHASES_NOT_OFFERED", "Library " + libraryCode
                    + " has not set rules for bookstore purchases");
        }
        return rules;
    }

    /** The rules of a bookstore's library, or null when it has none. */
    public PurchaseRules rulesOrNull(String libraryCode) {
        return em.find(PurchaseRules.class, libraryCode);
    }

    @Transactional
    public PurchaseRules setRules(String libraryCode, int monthlyQuota, long priceCapFen, int maxNetworkCopies,
            List<String> excludedClasses) {
        access.requireAdministratorOf(libraryCode);
        PurchaseRules rules = em.find(PurchaseRules.class, libraryCode, LockModeType.PESSIMISTIC_WRITE);
        boolean created = rules == null;
        if (created) {
            rules = PurchaseRules.of(libraryCode);
        }
        rules.set(monthlyQuota, priceCapFen, maxNetworkCopies, excludedClasses.stream()
                .map(c -> c.strip().toUpperCase(Locale.ROOT)).distinct().sorted().toList(), clock.instant());
        if (created) {
            em.persist(rules);
        }
        em.flush();
        return rules;
    }
}
