package org.tongjie.loan.events;

import org.tongjie.loan.domain.CirculationCopy;
import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.events.Topics;

import java.time.LocalDate;
import java.util.UUID;

/** A copy's circulation status changed (topic {@code circulation.copies}); the version orders reports. */
public record CopyStatusChanged(UUID copyId, String barcode, String status, String servicePointCode,
        String destinationServicePointCode, LocalDate dueDate, long version) implements DomainEvent {

    public static CopyStatusChanged of(CirculationCopy copy, LocalDate dueDate) {
        return new CopyStatusChanged(copy.copyId(), copy.barcode(), copy.status().name(),
                copy.currentServicePointCode(), copy.destinationServicePointCode(), dueDate, copy.version());
    }

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
