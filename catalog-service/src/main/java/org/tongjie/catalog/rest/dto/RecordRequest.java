package org.tongjie.catalog.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.catalog.domain.BibRecord;

import java.util.List;

/** A bibliographic record to catalogue. */
@Schema(name = "RecordRequest")
public record RecordRequest(
        @Size(max = 32) @Schema(description = "ISBN-10 or ISBN-13, hyphens allowed; stored as ISBN-13",
                example = "978-7-02-000220-7") String isbn,
        @NotBlank @Size(max = 500) @Schema(example = "红楼梦") String title,
        @Size(max = 500) String subtitle,
        @Size(max = 20) List<@NotBlank @Size(max = 200) String> authors,
        @Size(max = 200) @Schema(example = "人民文学出版社") String publisher,
        @Min(1000) @Max(2100) @Schema(example = "1996") Integer publicationYear,
        @Pattern(regexp = "[a-z]{2,3}", message = "must be an ISO 639 language code") @Schema(example = "chi")
        String language,
        @Size(max = 32) @Schema(description = "中图法 class", example = "I242.4") String clcClass,
        @Size(max = 20) List<@NotBlank @Size(max = 100) String> subjects,
        @Size(max = 300) @Schema(example = "中国古典文学读本丛书") String series) {

    public BibRecord.Description toDescription() {
        return new BibRecord.Description(isbn, title, subtitle, authors, publisher, publicationYear, language,
                clcClass, subjects, series);
    }
}
