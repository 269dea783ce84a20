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
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Where a record's copies are and whether they can be had, as loan-service reports it. */
@ApplicationScoped
public class Availability {

    private static final Logger LOG = Logger.getLogger(Availability.class);
    private static final String REPORT = "UPDATE copy_circulation SET status = ?, due_date = ?, version = ?,"
            + " updated_at = ?, shelf_library = CASE WHEN ? THEN coalesce((SELECT library_code FROM service_point"
            + " WHERE code = ?), library_code) ELSE shelf_library END"
            + " WHERE copy_id = ? AND version < ? AND status <> ?";

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
     * Applies reports in order, as {@link #report} would one after the other, with one JDBC batch (one round trip)
     * for all of them. A report that changed nothing is looked at again, in order, after the batch: it may be
     * older than what is held, or about a copy not known yet, which an earlier report of the batch may create.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reportAll(List<Report> reports) {
        if (reports.size() == 1) {
            Report only = reports.get(0);
            report(only.copyId(), only.status(), only.servicePointCode(), only.dueDate(), only.version());
            return;
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        int[] updated = em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(REPORT)) {
                for (Report report : reports) {
                    bind(update, report, now);
                    update.addBatch();
                }
                return update.executeBatch();
            }
        });
        for (int i = 0; i < reports.size(); i++) {
            if (updated[i] == 0) {
                Report again = reports.get(i);
                report(again.copyId(), again.status(), again.servicePointCode(), again.dueDate(), again.version());
            }
        }
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
