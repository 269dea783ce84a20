package org.tongjie.catalog.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.tongjie.catalog.domain.BibRecord;
import org.tongjie.catalog.domain.Copy;
import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.events.Topics;

import java.util.UUID;

/**
 * A copy joined a library's collection (CopyRegistered) or moved to another record, home, call number or
 * loan type (CopyUpdated); topic {@code catalog.copies}. The version tells newer from older.
 */
public record CopyDescribed(@JsonIgnore String kind, UUID copyId, String barcode, UUID recordId, String isbn, String title,
        String libraryCode, String homeServicePointCode, String callNumber, String loanType, long version)
        implements DomainEvent {

    public static CopyDescribed registered(Copy copy, BibRecord record) {
        return of("CopyRegistered", copy, record);
    }

    public static CopyDescribed updated(Copy copy, BibRecord record) {
        return of("CopyUpdated", copy, record);
    }

    private static CopyDescribed of(String kind, Copy copy, BibRecord record) {
        return new CopyDescribed(kind, copy.id(), copy.barcode(), record.id(), record.isbn(), record.title(),
                copy.libraryCode(), copy.homeServicePointCode(), copy.callNumber(), copy.loanType(), copy.version());
    }

    @Override
    public String eventType() {
        return kind;
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
