package org.tongjie.platform.time;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Timestamps as native queries return them, whichever type the driver and Hibernate chose. */
public final class Timestamps {

    private Timestamps() {
    }

    /** A {@code timestamptz} column value (Instant, OffsetDateTime or java.sql.Timestamp) as an Instant. */
    public static Instant toInstant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        return (Instant) value;
    }
}
