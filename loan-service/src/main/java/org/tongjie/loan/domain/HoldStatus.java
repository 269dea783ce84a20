package org.tongjie.loan.domain;

/** Where a hold stands (FOLIO's names). */
public enum HoldStatus {
    OPEN_NOT_YET_FILLED, OPEN_IN_TRANSIT, OPEN_AWAITING_PICKUP, OPEN_AWAITING_DELIVERY, CLOSED_FILLED,
    CLOSED_CANCELLED, CLOSED_PICKUP_EXPIRED, CLOSED_UNFILLED;

    public boolean isOpen() {
        return name().startsWith("OPEN");
    }
}
