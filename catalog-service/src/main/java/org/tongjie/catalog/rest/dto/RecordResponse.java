package org.tongjie.catalog.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.catalog.domain.BibRecord;

import java.util.List;
import java.util.UUID;

/** A bibliographic record. */
@Schema(name = "Record")
public record RecordResponse(UUID id, String isbn, String title, String subtitle, List<String> authors,
        String publisher, Integer publicationYear, String language, String clcClass, List<String> subjects,
        String series) {

    public static RecordResponse from(BibRecord record) {
        BibRecord.Description d = record.description();
        return new RecordResponse(record.id(), d.isbn(), d.title(), d.subtitle(), d.authors(), d.publisher(),
                d.publicationYear(), d.language(), d.clcClass(), d.subjects(), d.series());
    }
}
