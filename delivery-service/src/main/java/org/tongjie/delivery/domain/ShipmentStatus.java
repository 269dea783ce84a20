package org.tongjie.delivery.domain;

import java.util.Set;

/**
 * Where a shipment is. Staff move it through PICKING → PACKED → HANDED_TO_COURIER; the courier's events
 * carry it on to DELIVERED (or FAILED_ATTEMPT, retried, and finally RETURNED_TO_LIBRARY). A parcel in a
 * locker is COLLECTED by the reader or, past its deadline, UNCOLLECTED. The rank orders the journey: an
 * event never moves a shipment to a lower rank.
 */
public enum ShipmentStatus {
    PICKING(0), PACKED(1), HANDED_TO_COURIER(2), IN_TRANSIT(3), OUT_FOR_DELIVERY(4), FAILED_ATTEMPT(4), DELIVERED(6),
    COLLECTED(7), UNCOLLECTED(7), RETURNED_TO_LIBRARY(7), CANCELLED(7);

    /** What a carrier may report about a shipment. */
    public static final Set<ShipmentStatus> FROM_CARRIER = Set.of(IN_TRANSIT, OUT_FOR_DELIVERY, FAILED_ATTEMPT,
            DELIVERED, RETURNED_TO_LIBRARY);

    private final int rank;

    ShipmentStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public boolean isFinal() {
        return rank == 7;
    }

    /** Still on the library's own shelves: the order can be cancelled. */
    public boolean beforeHandOver() {
        return this == PICKING || this == PACKED;
    }

    /** With the courier (or back from a failed attempt), not yet delivered. */
    public boolean onTheRoad() {
        return rank >= 2 && rank <= 4;
    }
}
