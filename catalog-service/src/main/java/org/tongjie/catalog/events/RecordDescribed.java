package org.tongjie.catalog.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.tongjie.catalog.domain.BibRecord;
import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.events.Topics;

import java.util.List;
import java.util.UUID;

/**
 * A bibliographic record entered the union catalog (RecordRegistered) or its description changed
 * (RecordUpdated); topic {@code catalog.records}. The version tells newer from older.
 */
public record RecordDescribed(@JsonIgnore String kind, UUID recordId, String isbn, String title, List<String> authors, String publisher,
        Integer publicationYear, String clcClass, long version) implements DomainEvent {

    public static RecordDescribed registered(BibRecord record) {
        return of("RecordRegistered", record);
    }

    public static RecordDescribed updated(BibRecord record) {
        return of("RecordUpdated", record);
    }

    private static RecordDescribed of(String kind, BibRecord record) {
        BibRecord.Description d = record.description();
        return new RecordDescribed(kind, record.id(), d.isbn(), d.title(), d.authors(), d.publisher(), d.publicationYear(),
                d.clcClass(), record.version());
    }

    @Override
    public String eventType() {
        return kind;
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
