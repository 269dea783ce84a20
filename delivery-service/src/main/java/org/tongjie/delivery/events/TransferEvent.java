package org.tongjie.delivery.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.tongjie.delivery.domain.Transfer;
import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.events.Topics;

import java.time.Instant;
import java.util.UUID;

/**
 * A transfer was dispatched or received (topic {@code delivery.transfers}, keyed by copy so a copy's journeys stay
 * in order); the event type says which. On TransferReceived circulation routes the copy on from there.
 */
public record TransferEvent(@JsonIgnore String kind, UUID transferId, UUID copyId, String barcode,
        String fromServicePointCode, String toServicePointCode, String servicePointCode, UUID batchId, Instant at)
        implements DomainEvent {

    public static TransferEvent dispatched(Transfer transfer) {
        return new TransferEvent("TransferDispatched", transfer.id(), transfer.copyId(), transfer.barcode(),
                transfer.fromServicePoint(), transfer.toServicePoint(), transfer.fromServicePoint(),
                transfer.batchId(), transfer.dispatchedAt());
    }

    public static TransferEvent received(Transfer transfer, String servicePointCode) {
        return new TransferEvent("TransferReceived", transfer.id(), transfer.copyId(), transfer.barcode(),
                transfer.fromServicePoint(), transfer.toServicePoint(), servicePointCode, transfer.batchId(),
                transfer.closedAt());
    }

    @Override
    public String eventType() {
        return kind;
    }

    @Override
    public String topic() {
        return Topics.DELIVERY_TRANSFERS;
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
