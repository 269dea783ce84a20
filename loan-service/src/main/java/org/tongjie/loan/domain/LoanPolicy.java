package org.tongjie.loan.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/**
 * The rules for one library (or the whole network) × patron type × loan type; a null dimension means any.
 * Money is in fen.
 */
@Entity
@Table(name = "loan_policy")
public class LoanPolicy {

    @Id
    private UUID id;
    @Column(name = "library_code")
    private String libraryCode;
    @Column(name = "patron_type")
    private String patronType;
    @Column(name = "loan_type")
    private String loanType;
    @Column(name = "loan_days")
    private int loanDays;
    @Column(name = "renewals_allowed")
    private int renewalsAllowed;
    @Column(name = "renewal_days")
    private int renewalDays;
    @Column(name = "max_loans")
    private int maxLoans;
    @Column(name = "max_holds")
    private int maxHolds;
    @Column(name = "fine_per_day_fen")
    private int finePerDayFen;
    @Column(name = "fine_cap_fen")
    private int fineCapFen;
    @Column(name = "grace_days")
    private int graceDays;
    @Column(name = "hold_shelf_days")
    private int holdShelfDays;
    @Column(name = "block_at_fine_fen")
    private int blockAtFineFen;
    @Column(name = "block_at_overdue_items")
    private int blockAtOverdueItems;

    protected LoanPolicy() {
    }

    /** The terms of a policy. */
    public record Terms(int loanDays, int renewalsAllowed, int renewalDays, int maxLoans, int maxHolds,
            int finePerDayFen, int fineCapFen, int graceDays, int holdShelfDays, int blockAtFineFen,
            int blockAtOverdueItems) {
    }

    public static LoanPolicy of(String libraryCode, String patronType, String loanType, Terms t) {
        LoanPolicy policy = new LoanPolicy();
        policy.id = UUID.randomUUID();
        policy.libraryCode = libraryCode;
        policy.patronType = patronType;
        policy.loanType = loanType;
        policy.loanDays = t.loanDays();
        policy.renewalsAllowed = t.renewalsAllowed();
        policy.renewalDays = t.renewalDays();
        policy.maxLoans = t.maxLoans();
        policy.maxHolds = t.maxHolds();
        policy.finePerDayFen = t.finePerDayFen();
        policy.fineCapFen = t.fineCapFen();
        policy.graceDays = t.graceDays();
        policy.holdShelfDays = t.holdShelfDays();
        policy.blockAtFineFen = t.blockAtFineFen();
        policy.blockAtOverdueItems = t.blockAtOverdueItems();
        return policy;
    }

    /** How closely this policy fits: 3 = both types named, 0 = both any; -1 when it does not apply. */
    public int specificityFor(PatronType patron, String copyLoanType) {
        if ((patronType != null && !patronType.equals(patron.name()))
                || (loanType != null && !loanType.equals(copyLoanType))) {
            return -1;
        }
        return (patronType != null ? 1 : 0) + (loanType != null ? 2 : 0);
    }

    public boolean lends() {
        return loanDays > 0;
    }

    /** The fine for returning this many days after the due date: none within grace, never above the cap. */
    public long fineForDaysLate(long daysLate) {
        if (daysLate <= graceDays) {
            return 0;
        }
        return Math.min((long) finePerDayFen * daysLate, fineCapFen);
    }

    public Terms terms() {
        return new Terms(loanDays, renewalsAllowed, renewalDays, maxLoans, maxHolds, finePerDayFen, fineCapFen,
                graceDays, holdShelfDays, blockAtFineFen, blockAtOverdueItems);
    }

    public UUID id() {
        return id;
    }

    public String libraryCode() {
        return libraryCode;
    }

    public String patronType() {
        return patronType;
    }

    public String loanType() {
        return loanType;
    }

    public int loanDays() {
        return loanDays;
    }

    public int renewalsAllowed() {
        return renewalsAllowed;
    }

    public int renewalDays() {
        return renewalDays;
    }

    public int maxLoans() {
        return maxLoans;
    }

    /** Whether this many overdue items block the reader (never when the policy sets no such limit). */
    public boolean blocksAtOverdueItems(long overdueItems) {
        return blockAtOverdueItems > 0 && overdueItems >= blockAtOverdueItems;
    }

    public int blockAtFineFen() {
        return blockAtFineFen;
    }
}
