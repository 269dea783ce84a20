package org.tongjie.catalog.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** What a sync did, entry by entry and copy by copy. */
@Schema(name = "SyncResponse")
public record SyncResponse(String library, Summary summary, List<EntryResult> entries) {

    /** Outcome of an entry or a copy. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED, WITHDRAWN, REJECTED }

    /** How many entries ended each way. */
    public record Summary(int created, int updated, int unchanged, int rejected) {
    }

    /** One entry: the record's outcome (REJECTED with code and reason when nothing of it applied). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EntryResult(int index, String ref, Outcome outcome, UUID recordId, String code, String reason,
            List<CopyResult> copies) {
    }

    /** One copy of an entry. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CopyResult(String barcode, Outcome outcome, String code, String reason) {
    }
}
