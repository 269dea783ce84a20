package org.tongjie.loan.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.tongjie.platform.ids.TimeOrderedIds;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** A copy lent to a patron: open until the copy is checked in anywhere in the network. */
@Entity
@Table(name = "loan")
public class Loan {

    /** Open while the patron has the copy. */
    public enum Status { OPEN, CLOSED }

    @Id
    private UUID id;
    @Column(name = "copy_id")
    private UUID copyId;
    @Column(name = "patron_id")
    private UUID patronId;
    private String barcode;
    @Column(name = "record_id")
    private UUID recordId;
    private String title;
    @Column(name = "card_number")
    private String cardNumber;
    @Column(name = "owning_library")
    private String owningLibrary;
    @Column(name = "checkout_service_point")
    private String checkoutServicePoint;
    @Column(name = "loaned_at")
    private Instant loanedAt;
    @Column(name = "due_at")
    private Instant dueAt;
    private int renewals;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Status status;
    @Column(name = "returned_at")
    private Instant returnedAt;
    @Column(name = "return_service_point")
    private String returnServicePoint;
    @Column(name = "fine_fen")
    private long fineFen;
    @Column(name = "overdue_since")
    private Instant overdueSince;
    @Version
    private long version;

    protected Loan() {
    }

    /**
     * Lends the copy; it is due at the end of the day {@code loanDays} from now in the library's zone, or of
     * the next day the lending library is open.
     */
    public static Loan open(CirculationCopy copy, Patron patron, ServicePointInfo at, LoanPolicy policy,
            Instant now, ZoneId zone, UnaryOperator<LocalDate> nextOpenDay) {
        Loan loan = new Loan();
        loan.id = TimeOrderedIds.next();
        loan.copyId = copy.copyId();
        loan.patronId = patron.id();
        loan.barcode = copy.barcode();
        loan.recordId = copy.recordId();
        loan.title = copy.title();
        loan.cardNumber = patron.cardNumber();
        loan.owningLibrary = copy.libraryCode();
        loan.checkoutServicePoint = at.code();
        loan.loanedAt = now;
        loan.dueAt = endOfDay(nextOpenDay.apply(LocalDate.ofInstant(now, zone).plusDays(policy.loanDays())), zone);
        loan.status = Status.OPEN;
        return loan;
    }

    /**
     * Closes the loan; returns the part of the lateness fine not yet charged by the overdue job, which the
     * caller charges to the patron.
     */
    public long close(ServicePointInfo at, LoanPolicy policy, Instant now, ZoneId zone) {
        status = Status.CLOSED;
        returnedAt = now;
        returnServicePoint = at.code();
        return accrueFine(policy, now, zone);
    }

    /**
     * Brings the fine up to what the days late so far are worth (capped); returns the increase, which the
     * caller charges to the patron. Running it twice on one day charges nothing the second time.
     */
    public long accrueFine(LoanPolicy policy, Instant now, ZoneId zone) {
        long due = policy.fineForDaysLate(daysLate(now, zone));
        long increase = Math.max(0, due - fineFen);
        fineFen += increase;
        return increase;
    }

    /** Notes when the loan was first found overdue; returns true the first time. */
    public boolean markOverdue(Instant now) {
        if (overdueSince != null || !isOverdue(now)) {
            return false;
        }
        overdueSince = now;
        return true;
    }

    /** Why a renewal was refused, or null when it may be renewed. */
    public String refusalToRenew(LoanPolicy policy) {
        if (status != Status.OPEN) {
            return "LOAN_CLOSED";
        }
        if (renewals >= policy.renewalsAllowed()) {
            return "RENEWAL_LIMIT_REACHED";
        }
        return null;
    }

    /**
     * Extends the due date by the policy's renewal period from the later of now and the current due date,
     * moved on to an open day.
     */
    public void renew(LoanPolicy policy, Instant now, ZoneId zone, UnaryOperator<LocalDate> nextOpenDay) {
        Instant from = now.isAfter(dueAt) ? now : dueAt;
        dueAt = endOfDay(nextOpenDay.apply(LocalDate.ofInstant(from, zone).plusDays(policy.renewalDays())), zone);
        renewals++;
    }

    public boolean isOverdue(Instant now) {
        return status == Status.OPEN && now.isAfter(dueAt);
    }

    long daysLate(Instant now, ZoneId zone) {
        if (!now.isAfter(dueAt)) {
            return 0;
        }
        return ChronoUnit.DAYS.between(LocalDate.ofInstant(dueAt, zone), LocalDate.ofInstant(now, zone));
    }

    private static Instant endOfDay(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).minusSeconds(1).toInstant();
    }

    public UUID id() {
        return id;
    }

    public UUID copyId() {
        return copyId;
    }

    public String barcode() {
        return barcode;
    }

    public UUID recordId() {
        return recordId;
    }

    public String title() {
        return title;
    }

    public String cardNumber() {
        return cardNumber;
    }

    public UUID patronId() {
        return patronId;
    }

    public String checkoutServicePoint() {
        return checkoutServicePoint;
    }

    public Instant loanedAt() {
        return loanedAt;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public int renewals() {
        return renewals;
    }

    public Status status() {
        return status;
    }

    public Instant returnedAt() {
        return returnedAt;
    }

    public String returnServicePoint() {
        return returnServicePoint;
    }

    public long fineFen() {
        return fineFen;
    }

    public long version() {
        return version;
    }
}
