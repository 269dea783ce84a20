package org.tongjie.catalog.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * A book a partner bookstore is selling to the library for a reader (sent by loan-service, which has checked the
 * reader): the record is matched by ISBN or created from the title data, and a provisional copy made.
 */
@Schema(name = "AcquisitionRequest")
public record AcquisitionRequest(
        @NotNull @Schema(description = "loan-service's purchase; the same id returns the same copy") UUID purchaseId,
        @NotBlank @Pattern(regexp = Codes.PATTERN, message = Codes.MESSAGE) @Schema(example = "JHL-XINHUA")
        String bookstoreCode,
        @NotBlank @Pattern(regexp = Codes.PATTERN, message = Codes.MESSAGE) @Schema(example = "JHL-MAIN")
        String homeServicePointCode,
        @NotBlank @Size(max = 17) @Schema(example = "9787544253994") String isbn,
        @Size(max = 500) @Schema(description = "Needed when the catalog does not know the ISBN", example = "百年孤独")
        String title,
        @Size(max = 20) List<@NotBlank @Size(max = 200) String> authors,
        @Size(max = 200) String publisher,
        @Min(1000) @Max(2100) Integer publicationYear,
        @Size(max = 32) @Schema(description = "CLC class (中图法) from the book's CIP data", example = "I775.45")
        String clcClass,
        @NotNull @Min(1) @Max(1000) @Schema(description = "Refused when the network already has this many copies",
                example = "3") Integer maxNetworkCopies,
        @Size(max = 100) @Schema(description = "CLC class prefixes the library does not buy this way",
                example = "[\"G62\", \"G63\"]") List<@NotBlank @Size(max = 32) String> excludedClasses) {
}
