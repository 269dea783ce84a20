package org.tongjie.catalog.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.catalog.domain.Library;
import org.tongjie.platform.indicators.Indicators;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.rest.ETags;
import org.tongjie.platform.security.Caller;
import org.tongjie.platform.time.Timestamps;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The figures of Suzhou Library's eight core indicators that are not lending data — visits, reader events, budget,
 * acquisitions spending — entered by each library's administrator per month or year. Each change is also counted
 * as an indicator on the period's first day, so reports show them beside loans and holdings.
 */
@ApplicationScoped
public class LibraryFigures {

    public static final String VISITS = "visits";
    public static final String READER_EVENTS = "readerEvents";
    public static final String BUDGET = "budgetFen";
    public static final String ACQUISITIONS_SPENDING = "acquisitionsSpendingFen";

    private static final Pattern PERIOD = Pattern.compile("(20[0-9]{2}|2100)(-(0[1-9]|1[0-2]))?");

    private final EntityManager em;
    private final Indicators indicators;
    private final Caller caller;
    private final Clock clock;

    LibraryFigures(EntityManager em, Indicators indicators, Caller caller, Clock clock) {
        this.em = em;
        this.indicators = indicators;
        this.caller = caller;
        this.clock = clock;
    }

    @Schema(description = "What a library entered for one month or year; money in fen (1 yuan = 100 fen)")
    public record Figures(@Schema(example = "SZL") String libraryCode, @Schema(example = "2026-10") String period,
            @Schema(example = "412000") long visits, @Schema(example = "96") long readerEvents,
            @Schema(example = "1250000000") long budgetFen, @Schema(example = "310000000") long acquisitionsSpendingFen,
            Instant updatedAt, String updatedBy, long version) {
    }

    /** The entered values. */
    public record Values(long visits, long readerEvents, long budgetFen, long acquisitionsSpendingFen) {
    }

    /** The period's first day, after checking it is 'YYYY' or 'YYYY-MM' (2000 to 2100). */
    public static LocalDate firstDay(String period) {
        if (period == null || !PERIOD.matcher(period).matches()) {
            throw ProblemException.invalidField("VALIDATION_FAILED", "period", "A year or month, like 2026 or "
                    + "2026-10");
        }
        return period.length() == 4 ? LocalDate.of(Integer.parseInt(period), 1, 1)
                : LocalDate.parse(period + "-01");
    }

    /**
     * Sets a period's figures. New figures need no If-Match; changing entered ones does (the ETag read), so two
     * administrators cannot overwrite each other unseen.
     */
    @Transactional
    public Figures put(String library, String period, Values values, String ifMatch) {
        LocalDate day = firstDay(period);
        if (em.find(Library.class, library, LockModeType.PESSIMISTIC_WRITE) == null) {
            throw ProblemException.notFound("LIBRARY_NOT_FOUND", "No library " + library);
        }
        caller.requireActsFor(library);
        Figures before = find(library, period);
        Values old = before == null ? new Values(0, 0, 0, 0) : new Values(before.visits(), before.readerEvents(),
                before.budgetFen(), before.acquisitionsSpendingFen());
        if (before != null && ETags.requiredVersion(ifMatch) != before.version()) {
            throw new ProblemException(412, "PRECONDITION_FAILED", "Changed since you read it", "The figures of "
                    + period + " are at version " + before.version(), List.of());
        }
        Instant now = clock.instant();
        long version = before == null ? 1 : before.version() + 1;
        em.createNativeQuery("INSERT INTO library_figure (library_code, period, visits, reader_events, budget_fen,"
                        + " acquisitions_spending_fen, updated_at, updated_by, version) VALUES (?1, ?2, ?3, ?4, ?5,"
                        + " ?6, ?7, ?8, ?9) ON CONFLICT (library_code, period) DO UPDATE SET visits = EXCLUDED.visits,"
                        + " reader_events = EXCLUDED.reader_events, budget_fen = EXCLUDED.budget_fen,"
                        + " acquisitions_spending_fen = EXCLUDED.acquisitions_spending_fen,"
                        + " updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by,"
                        + " version = EXCLUDED.version")
                .setParameter(1, library).setParameter(2, period).setParameter(3, values.visits())
                .setParameter(4, values.readerEvents()).setParameter(5, values.budgetFen())
                .setParameter(6, values.acquisitionsSpendingFen()).setParameter(7, now)
                .setParameter(8, caller.subject()).setParameter(9, version).executeUpdate();
        count(library, VISITS, day, values.visits() - old.visits());
        count(library, READER_EVENTS, day, values.readerEvents() - old.readerEvents());
        count(library, BUDGET, day, values.budgetFen() - old.budgetFen());
        count(library, ACQUISITIONS_SPENDING, day, values.acquisitionsSpendingFen() - old.acquisitionsSpendingFen());
        return find(library, period);
    }

    private void count(String library, String metric, LocalDate day, long change) {
        if (change != 0) {
            indicators.countOn(library, metric, day, change);
        }
    }

    /** The figures of one period, or null. */
    public Figures find(String library, String period) {
        List<Figures> found = list(library, period, period);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The periods entered between two periods (inclusive, compared as text: 2026 sorts before 2026-01). */
    @SuppressWarnings("unchecked")
    public List<Figures> list(String library, String fromPeriod, String toPeriod) {
        List<Object[]> rows = em.createNativeQuery("SELECT library_code, period, visits, reader_events, budget_fen,"
                        + " acquisitions_spending_fen, updated_at, updated_by, version FROM library_figure"
                        + " WHERE library_code = ?1 AND period BETWEEN ?2 AND ?3 ORDER BY period LIMIT 200")
                .setParameter(1, library).setParameter(2, fromPeriod).setParameter(3, toPeriod).getResultList();
        List<Figures> figures = new ArrayList<>();
        for (Object[] row : rows) {
            figures.add(new Figures((String) row[0], (String) row[1], ((Number) row[2]).longValue(),
                    ((Number) row[3]).longValue(), ((Number) row[4]).longValue(), ((Number) row[5]).longValue(),
                    Timestamps.toInstant(row[6]), (String) row[7], ((Number) row[8]).longValue()));
        }
        return figures;
    }
}
