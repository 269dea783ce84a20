package org.tongjie.loan.events;

import org.tongjie.loan.domain.Hold;
import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.events.Topics;

import java.time.Instant;
import java.util.UUID;

/** A hold was placed or moved on (topic {@code circulation.holds}, keyed by hold); the status says where. */
public record HoldChanged(UUID holdId, UUID recordId, UUID patronId, String pickupServicePoint, String status,
        UUID copyId, Instant pickupBy, long version) implements DomainEvent {

    public static HoldChanged of(Hold hold) {
        return new HoldChanged(hold.id(), hold.recordId(), hold.patronId(), hold.pickupServicePoint(),
                hold.status().name(), hold.copyId(), hold.pickupBy(), hold.version());
    }

    @Override
    public String topic() {
        return Topics.CIRCULATION_HOLDS;
    }

    @Override
    public String aggregateType() {
        return "Hold";
    }

    @Override
    public String aggregateId() {
        return holdId.toString();
    }
}
