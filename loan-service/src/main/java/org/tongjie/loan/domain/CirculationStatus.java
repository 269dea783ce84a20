package org.tongjie.loan.domain;

/** Where a copy stands in circulation (FOLIO's names, so library staff recognise them). */
public enum CirculationStatus {
    AVAILABLE, CHECKED_OUT, IN_TRANSIT, AWAITING_PICKUP, AWAITING_DELIVERY, IN_DELIVERY, MISSING, WITHDRAWN
}
