package org.tongjie.catalog.events;

import org.tongjie.catalog.domain.BibRecord;
import org.tongjie.catalog.domain.Copy;
import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.events.Topics;

import java.util.UUID;

/** A copy moved to another record, home service point, call number or loan type (topic {@code catalog.copies}). */
public record CopyUpdated(UUID copyId, String barcode, UUID recordId, String isbn, String title,
        String libraryCode, String homeServicePointCode, String callNumber, String loanType, long version)
        implements DomainEvent {

    public static CopyUpdated of(Copy copy, BibRecord record) {
        return new CopyUpdated(copy.id(), copy.barcode(), record.id(), record.isbn(), record.title(),
                copy.libraryCode(), copy.homeServicePointCode(), copy.callNumber(), copy.loanType(), copy.version());
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
