package org.tongjie.catalog.events;

import org.tongjie.catalog.domain.BibRecord;
import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.events.Topics;

import java.util.List;
import java.util.UUID;

/** A record's description changed (topic {@code catalog.records}); the version tells newer from older. */
public record RecordUpdated(UUID recordId, String isbn, String title, List<String> authors, String publisher,
        Integer publicationYear, String clcClass, long version) implements DomainEvent {

    public static RecordUpdated of(BibRecord record) {
        BibRecord.Description d = record.description();
        return new RecordUpdated(record.id(), d.isbn(), d.title(), d.authors(), d.publisher(), d.publicationYear(),
                d.clcClass(), record.version());
    }

    @Override
    public String topic() {
        return Topics.CATALOG_RECORDS;
    }

    @Override
    public String aggregateType() {
        return "Record";
    }

    @Override
    public String aggregateId() {
        return recordId.toString();
    }
}
