package org.tongjie.catalog.rest.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * A batch of a district system's holdings: up to 1,000 records, each with its copies. Entries are checked
 * one by one, so a bad entry is reported and the others still apply.
 */
@Schema(name = "SyncRequest")
public record SyncRequest(@NotNull @Size(min = 1, max = MAX_ENTRIES) List<Entry> entries) {

    public static final int MAX_ENTRIES = 1000;

    /** One record as the district system holds it, with its copies. */
    @Schema(name = "SyncEntry")
    public record Entry(
            @Size(max = 100) @Schema(description = "The district system's own record id; matches records without "
                    + "an ISBN on every sync", example = "yht-bib-000123") String ref,
            @NotNull @Valid RecordRequest record,
            @Size(max = 500) List<@NotNull @Valid Copy> copies) {
    }

    /** One copy; {@code withdrawn: true} takes it out of the collection. */
    @Schema(name = "SyncCopy")
    public record Copy(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9-]{4,32}", message = "must be 4 to 32 letters, digits or '-'")
            String barcode,
            @NotBlank @Size(max = 32) String homeServicePointCode,
            @Size(max = 64) String callNumber,
            @Pattern(regexp = "[A-Z][A-Z_]{1,23}", message = "must be an upper-case loan type code") String loanType,
            Boolean withdrawn) {

        public String loanTypeOrDefault() {
            return loanType == null ? "STANDARD" : loanType;
        }

        public boolean isWithdrawn() {
            return withdrawn != null && withdrawn;
        }
    }
}
