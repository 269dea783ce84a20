package org.tongjie.loan.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.tongjie.platform.security.Caller;

import java.sql.Date;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The days each library is closed, and the next open day on or after a date. */
@ApplicationScoped
public class OpeningCalendar {

    /** A due date never moves more than this many days past closures. */
    private static final int LOOK_AHEAD = 60;

    private final EntityManager em;
    private final Caller caller;
    private final ReferenceData reference;

    OpeningCalendar(EntityManager em, Caller caller, ReferenceData reference) {
        this.reference = reference;
        this.em = em;
        this.caller = caller;
    }

    /** The first day on or after {@code day} that the library is open. */
    public LocalDate nextOpenDay(String libraryCode, LocalDate day) {
        return reference.nextOpenDay(libraryCode, day, () -> nextOpenDayInDatabase(libraryCode, day));
    }

    @SuppressWarnings("unchecked")
    private LocalDate nextOpenDayInDatabase(String libraryCode, LocalDate day) {
        Set<LocalDate> closed = new HashSet<>();
        for (Object value : em.createNativeQuery("SELECT day FROM closed_day WHERE library_code = ?1 AND day"
                + " BETWEEN ?2 AND ?3").setParameter(1, libraryCode).setParameter(2, day)
                .setParameter(3, day.plusDays(LOOK_AHEAD)).getResultList()) {
            closed.add(value instanceof Date date ? date.toLocalDate() : (LocalDate) value);
        }
        LocalDate open = day;
        while (closed.contains(open) && open.isBefore(day.plusDays(LOOK_AHEAD))) {
            open = open.plusDays(1);
        }
        return open;
    }

    /** Records closed days of a library (its administrators only); days already recorded are kept. */
    @Transactional
    public void close(String libraryCode, List<LocalDate> days) {
        caller.requireActsFor(libraryCode);
        reference.changed();
        for (LocalDate day : days) {
            em.createNativeQuery("INSERT INTO closed_day (library_code, day) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                    .setParameter(1, libraryCode).setParameter(2, day).executeUpdate();
        }
    }

    @SuppressWarnings("unchecked")
    public List<LocalDate> closedDays(String libraryCode, LocalDate from, LocalDate to) {
        return ((List<Object>) em.createNativeQuery("SELECT day FROM closed_day WHERE library_code = ?1 AND day"
                + " BETWEEN ?2 AND ?3 ORDER BY day LIMIT 400").setParameter(1, libraryCode).setParameter(2, from)
                .setParameter(3, to).getResultList()).stream()
                .map(value -> value instanceof Date date ? date.toLocalDate() : (LocalDate) value).toList();
    }
}
