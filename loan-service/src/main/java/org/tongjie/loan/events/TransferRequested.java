package org.tongjie.loan.events;

import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.events.Topics;

import java.util.UUID;

/** A copy must travel between service points (topic {@code circulation.copies}), e.g. home after a return. */
public record TransferRequested(UUID copyId, String barcode, String title, String fromServicePointCode,
        String toServicePointCode, String reason) implements DomainEvent {

    @Override
    public String topic() {
        return Topics.CIRCULATION_COPIES;
    }

    @Override
    public String aggregateType() {
        return "Copy";
    }

    @Override
    public String aggregateId() {
        return copyId.toString();
    }
}
