package org.tongjie.loan.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.loan.domain.Hold;
import org.tongjie.loan.domain.HoldStatus;

import java.time.Instant;
import java.util.UUID;

/** A hold and, while it waits, its place in the record's queue. */
@Schema(name = "Hold")
public record HoldResponse(UUID id, UUID recordId, String pickupServicePoint, HoldStatus status,
        Instant requestedAt, @Schema(description = "The copy promised to the hold, once one is") UUID copyId,
        @Schema(description = "Last moment to collect it from the hold shelf") Instant pickupBy,
        @Schema(description = "No copy is promised to the hold until after this day") java.time.LocalDate suspendedUntil,
        @Schema(description = "1 = next in line; 0 once a copy is promised or the hold closed") long queuePosition) {

    public static HoldResponse from(Hold hold, long queuePosition) {
        return new HoldResponse(hold.id(), hold.recordId(), hold.pickupServicePoint(), hold.status(),
                hold.requestedAt(), hold.copyId(), hold.pickupBy(), hold.suspendedUntil(), queuePosition);
    }
}
