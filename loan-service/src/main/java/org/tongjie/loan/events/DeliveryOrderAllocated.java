package org.tongjie.loan.events;

import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.events.Topics;

import java.util.List;
import java.util.UUID;

/**
 * loan-service's answer to a delivery order (topic {@code circulation.holds}, keyed by order): per record, the
 * hold and the copy promised to it, or why none could be ({@code outcome} other than {@code ALLOCATED}).
 */
public record DeliveryOrderAllocated(UUID orderId, String cardNumber, List<Line> lines) implements DomainEvent {

    public static final String ALLOCATED = "ALLOCATED";

    /** One record of the order. */
    public record Line(UUID recordId, String outcome, UUID holdId, UUID copyId, String barcode, String title,
            String libraryCode, String servicePointCode) {

        public static Line dropped(UUID recordId, String reason) {
            return new Line(recordId, reason, null, null, null, null, null, null);
        }
    }

    @Override
    public String topic() {
        return Topics.CIRCULATION_HOLDS;
    }

    @Override
    public String aggregateType() {
        return "DeliveryOrder";
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
