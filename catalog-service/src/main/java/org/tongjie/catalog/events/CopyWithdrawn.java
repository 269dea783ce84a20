package org.tongjie.catalog.events;

import org.tongjie.catalog.domain.Copy;
import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.events.Topics;

import java.util.UUID;

/** A copy left the collection and must no longer be lent (topic {@code catalog.copies}). */
public record CopyWithdrawn(UUID copyId, String barcode, String libraryCode, long version) implements DomainEvent {

    public static CopyWithdrawn of(Copy copy) {
        return new CopyWithdrawn(copy.id(), copy.barcode(), copy.libraryCode(), copy.version());
    }

    @Override
    public String topic() {
        return Topics.CATALOG_COPIES;
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
