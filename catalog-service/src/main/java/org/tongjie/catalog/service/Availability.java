package org.tongjie.catalog.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.tongjie.catalog.domain.CopyCirculation;
import org.tongjie.catalog.domain.ServicePoint;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Where a record's copies are and whether they can be had, as loan-service reports it. */
@ApplicationScoped
public class Availability {

    private static final Logger LOG = Logger.getLogger(Availability.class);
    private static final String REPORT = "UPDATE copy_circulation SET status = ?, due_date = ?, version = ?,"
            + " updated_at = ?, shelf_library = CASE WHEN ? THEN coalesce((SELECT library_code FROM service_point"
            + " WHERE code = ?), library_code) ELSE shelf_library END"
            + " WHERE copy_id = ? AND version < ? AND status <> ?";
    /**
     * {@link #REPORT} for many copies at once, each copy at most once: a copy's shelf moves only with a report of
     * being available newer than the one held. Returns the copies it changed.
     */
    private static final String REPORT_ALL = "UPDATE copy_circulation c SET status = r.status,"
            + " due_date = r.due_date, version = r.version, updated_at = ?, shelf_library = CASE WHEN"
            + " r.shelf_version > c.version THEN coalesce((SELECT library_code FROM service_point"
            + " WHERE code = r.shelf_point), c.library_code) ELSE c.shelf_library END"
            + " FROM unnest(?::uuid[], ?::varchar[], ?::date[], ?::bigint[], ?::varchar[], ?::bigint[])"
            + " AS r(copy_id, status, due_date, version, shelf_point, shelf_version)"
            + " WHERE c.copy_id = r.copy_id AND c.version < r.version AND c.status <> 'WITHDRAWN'"
            + " RETURNING c.copy_id";

    private final EntityManager em;
    private final Acquisitions acquisitions;
    private final Clock clock;

    Availability(EntityManager em, Acquisitions acquisitions, Clock clock) {
        this.em = em;
        this.acquisitions = acquisitions;
        this.clock = clock;
    }

    /** Copies of a record at one library, by circulation status. */
    public record AtLibrary(String libraryCode, long copies, long available, long onLoan, long inTransit,
            long onHoldShelf, long inDelivery, LocalDate earliestDue) {
    }

    /**
     * Applies a report if it is newer than the one held; an older or repeated one changes nothing. Every check-out
     * and check-in in the network sends one, so the copy known here is brought up to date with one statement (the
     * rules of {@link CopyCirculation#report}: never after its withdrawal, and an available copy stands at the
     * library of the service point it is at); a copy not known here may be one just bought at a bookstore.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void report(UUID copyId, String status, String servicePointCode, LocalDate dueDate, long version) {
        Report report = new Report(copyId, status, servicePointCode, dueDate, version);
        int updated = em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(REPORT)) {
                bind(update, report, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                return update.executeUpdate();
            }
        });
        if (updated == 0) {
            notApplied(report);
        }
    }

    /** One circulation report: a copy's status, where it is, when it is due, and the version it had then. */
    public record Report(UUID copyId, String status, String servicePointCode, LocalDate dueDate, long version) {
    }

    /**
     * Applies reports in order, exactly as {@link #report} would one after the other, with one statement for the
     * whole poll: each copy's reports are folded into the one that would be held last (the newest) and the library
     * its last applied report of being available put it in, so PostgreSQL updates each copy once instead of once
     * per report. A copy the statement left alone (not known here yet, which an earlier report may change) and a
     * copy withdrawn part-way through the poll have their reports applied one at a time, in order, afterwards.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reportAll(List<Report> reports) {
        if (reports.size() == 1) {
            Report only = reports.get(0);
            report(only.copyId(), only.status(), only.servicePointCode(), only.dueDate(), only.version());
            return;
        }
        Map<UUID, List<Report>> byCopy = new LinkedHashMap<>();
        for (Report report : reports) {
            byCopy.computeIfAbsent(report.copyId(), id -> new ArrayList<>()).add(report);
        }
        List<Folded> folded = new ArrayList<>(byCopy.size());
        for (Map.Entry<UUID, List<Report>> copy : byCopy.entrySet()) {
            Folded fold = Folded.of(copy.getValue());
            if (fold != null) {
                folded.add(fold);
            }
        }
        Set<UUID> updated = folded.isEmpty() ? Set.of() : applyFolded(folded);
        for (Map.Entry<UUID, List<Report>> copy : byCopy.entrySet()) {
            if (!updated.contains(copy.getKey())) {
                for (Report again : copy.getValue()) {
                    report(again.copyId(), again.status(), again.servicePointCode(), again.dueDate(),
                            again.version());
                }
            }
        }
    }

    /**
     * One copy's reports of a poll as one update: the newest report (the one held after them all, since each is
     * taken only if newer than the one held) and the last report of being available that would have been taken
     * on the way, whose service point places the copy, taken if newer than what is held now.
     */
    private record Folded(Report last, String shelfPoint, long shelfVersion) {

        /** Null when a report other than the last withdraws the copy: nothing after it may be taken. */
        static Folded of(List<Report> reports) {
            Report last = null;
            Report shelf = null;
            for (Report report : reports) {
                if (last == null || report.version() > last.version()) {
                    last = report;
                    if (CopyCirculation.AVAILABLE.equals(report.status())) {
                        shelf = report;
                    }
                }
            }
            for (Report report : reports) {
                if (report != last && CopyCirculation.WITHDRAWN.equals(report.status())) {
                    return null;
                }
            }
            return new Folded(last, shelf == null ? null : shelf.servicePointCode(),
                    shelf == null ? Long.MIN_VALUE : shelf.version());
        }
    }

    /** Applies each copy's folded reports in one statement; returns the copies it updated. */
    private Set<UUID> applyFolded(List<Folded> folded) {
        int n = folded.size();
        UUID[] ids = new UUID[n];
        String[] statuses = new String[n];
        Date[] dueDates = new Date[n];
        Long[] versions = new Long[n];
        String[] shelfPoints = new String[n];
        Long[] shelfVersions = new Long[n];
        for (int i = 0; i < n; i++) {
            Report last = folded.get(i).last();
            ids[i] = last.copyId();
            statuses[i] = last.status();
            dueDates[i] = last.dueDate() == null ? null : Date.valueOf(last.dueDate());
            versions[i] = last.version();
            shelfPoints[i] = folded.get(i).shelfPoint();
            shelfVersions[i] = folded.get(i).shelfVersion();
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(REPORT_ALL)) {
                update.setObject(1, now);
                update.setArray(2, connection.createArrayOf("uuid", ids));
                update.setArray(3, connection.createArrayOf("varchar", statuses));
                update.setArray(4, connection.createArrayOf("date", dueDates));
                update.setArray(5, connection.createArrayOf("bigint", versions));
                update.setArray(6, connection.createArrayOf("varchar", shelfPoints));
                update.setArray(7, connection.createArrayOf("bigint", shelfVersions));
                Set<UUID> changed = new HashSet<>(n * 2);
                try (ResultSet rows = update.executeQuery()) {
                    while (rows.next()) {
                        changed.add(rows.getObject(1, UUID.class));
                    }
                }
                return changed;
            }
        });
    }

    private static void bind(PreparedStatement update, Report report, OffsetDateTime now) throws SQLException {
        update.setString(1, report.status());
        update.setObject(2, report.dueDate() == null ? null : Date.valueOf(report.dueDate()), Types.DATE);
        update.setLong(3, report.version());
        update.setObject(4, now);
        update.setBoolean(5, CopyCirculation.AVAILABLE.equals(report.status()));
        update.setString(6, report.servicePointCode());
        update.setObject(7, report.copyId());
        update.setLong(8, report.version());
        update.setString(9, CopyCirculation.WITHDRAWN);
    }

    /** A report that updated nothing: older than what is held, or about a copy not known here yet. */
    private void notApplied(Report report) {
        UUID copyId = report.copyId();
        String status = report.status();
        String servicePointCode = report.servicePointCode();
        LocalDate dueDate = report.dueDate();
        long version = report.version();
        if (em.find(CopyCirculation.class, copyId) != null) {
            return;
        }
        ServicePoint point = servicePointCode == null ? null : em.find(ServicePoint.class, servicePointCode);
        if (!acquisitions.confirm(copyId, status, dueDate, version, point == null ? null : point.libraryCode())) {
            LOG.warnf("Circulation report for unknown copy %s ignored", copyId);
        }
    }

    @SuppressWarnings("unchecked")
    public List<AtLibrary> of(UUID recordId) {
        // Copies count at their own library, except available ones: those count where they stand (floating).
        List<Object[]> rows = em.createNativeQuery("SELECT CASE WHEN status = 'AVAILABLE' THEN shelf_library"
                + " ELSE library_code END AS at_library, count(*),"
                + " count(*) FILTER (WHERE status = 'AVAILABLE'), count(*) FILTER (WHERE status = 'CHECKED_OUT'),"
                + " count(*) FILTER (WHERE status = 'IN_TRANSIT'), count(*) FILTER (WHERE status = 'AWAITING_PICKUP'),"
                + " count(*) FILTER (WHERE status IN ('AWAITING_DELIVERY', 'IN_DELIVERY')),"
                + " min(due_date) FILTER (WHERE status = 'CHECKED_OUT')"
                + " FROM copy_circulation WHERE record_id = ?1 AND status NOT IN ('WITHDRAWN', 'MISSING')"
                + " GROUP BY at_library ORDER BY at_library").setParameter(1, recordId).getResultList();
        return rows.stream().map(r -> new AtLibrary((String) r[0], n(r[1]), n(r[2]), n(r[3]), n(r[4]), n(r[5]),
                n(r[6]), r[7] == null ? null : r[7] instanceof Date d ? d.toLocalDate() : (LocalDate) r[7])).toList();
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }
}
