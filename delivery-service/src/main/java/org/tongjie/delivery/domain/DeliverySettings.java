package org.tongjie.delivery.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;

/** A library's home-delivery rules: its service area, the order size and the fee. */
@Entity
@Table(name = "delivery_settings")
public class DeliverySettings {

    /** The rules as an administrator states them. */
    public record Rules(List<String> regions, int maxRecordsPerOrder, int baseFeeFen, int baseItems,
            int extraItemFeeFen, Integer freeFromItems, boolean freeToDeliveryPoints, int lockerPickupDays) {
    }

    @Id
    @Column(name = "library_code")
    private String libraryCode;
    @JdbcTypeCode(SqlTypes.ARRAY)
    private String[] regions;
    @Column(name = "max_records_per_order")
    private int maxRecordsPerOrder;
    @Column(name = "base_fee_fen")
    private int baseFeeFen;
    @Column(name = "base_items")
    private int baseItems;
    @Column(name = "extra_item_fee_fen")
    private int extraItemFeeFen;
    @Column(name = "free_from_items")
    private Integer freeFromItems;
    @Column(name = "free_to_delivery_points")
    private boolean freeToDeliveryPoints;
    @Column(name = "locker_pickup_days")
    private int lockerPickupDays;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected DeliverySettings() {
    }

    public static DeliverySettings of(String libraryCode, Rules rules, Instant now) {
        DeliverySettings settings = new DeliverySettings();
        settings.libraryCode = libraryCode;
        settings.change(rules, now);
        return settings;
    }

    public void change(Rules rules, Instant now) {
        regions = rules.regions().toArray(String[]::new);
        maxRecordsPerOrder = rules.maxRecordsPerOrder();
        baseFeeFen = rules.baseFeeFen();
        baseItems = rules.baseItems();
        extraItemFeeFen = rules.extraItemFeeFen();
        freeFromItems = rules.freeFromItems();
        freeToDeliveryPoints = rules.freeToDeliveryPoints();
        lockerPickupDays = rules.lockerPickupDays();
        updatedAt = now;
    }

    /** Whether an address in this region (6-digit administrative code) lies in the service area. */
    public boolean covers(String regionCode) {
        for (String prefix : regions) {
            if (regionCode.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The fee in fen for delivering this many books: the base fee covers the first few, then each extra. */
    public int feeFor(int books, boolean toDeliveryPoint) {
        if (books == 0 || (toDeliveryPoint && freeToDeliveryPoints)
                || (freeFromItems != null && books >= freeFromItems)) {
            return 0;
        }
        return baseFeeFen + Math.max(0, books - baseItems) * extraItemFeeFen;
    }

    public Rules rules() {
        return new Rules(List.of(regions), maxRecordsPerOrder, baseFeeFen, baseItems, extraItemFeeFen, freeFromItems,
                freeToDeliveryPoints, lockerPickupDays);
    }

    public String libraryCode() {
        return libraryCode;
    }

    public int maxRecordsPerOrder() {
        return maxRecordsPerOrder;
    }

    public int lockerPickupDays() {
        return lockerPickupDays;
    }

    public long version() {
        return version;
    }
}
