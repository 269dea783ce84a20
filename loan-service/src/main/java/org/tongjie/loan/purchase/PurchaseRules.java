package org.tongjie.loan.purchase;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;

/** A library's rules for books readers pick at its partner bookstores. */
@Entity
@Table(name = "purchase_rules")
public class PurchaseRules {

    @Id
    @Column(name = "library_code")
    private String libraryCode;
    @Column(name = "monthly_quota")
    private int monthlyQuota;
    @Column(name = "price_cap_fen")
    private long priceCapFen;
    @Column(name = "max_network_copies")
    private int maxNetworkCopies;
    @Column(name = "excluded_classes")
    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> excludedClasses;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected PurchaseRules() {
    }

    public static PurchaseRules of(String libraryCode) {
        PurchaseRules rules = new PurchaseRules();
        rules.libraryCode = libraryCode;
        return rules;
    }

    public void set(int quota, long capFen, int maxCopies, List<String> excluded, Instant now) {
        monthlyQuota = quota;
        priceCapFen = capFen;
        maxNetworkCopies = maxCopies;
        excludedClasses = List.copyOf(excluded);
        updatedAt = now;
    }

    public String libraryCode() {
        return libraryCode;
    }

    public int monthlyQuota() {
        return monthlyQuota;
    }

    public long priceCapFen() {
        return priceCapFen;
    }

    public int maxNetworkCopies() {
        return maxNetworkCopies;
    }

    public List<String> excludedClasses() {
        return excludedClasses == null ? List.of() : excludedClasses;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
