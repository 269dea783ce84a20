package org.tongjie.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** An RFC 9457 problem detail with a stable machine-readable {@code code} and the offending fields. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem detail")
public record Problem(
        @Schema(example = "urn:tongjie:problem:COPY_NOT_AVAILABLE") String type,
        @Schema(example = "Copy not available") String title,
        @Schema(example = "409") int status,
        @Schema(example = "Copy 3201000012345 is CHECKED_OUT") String detail,
        @Schema(example = "/loans") String instance,
        @Schema(description = "Stable error code clients can switch on", example = "COPY_NOT_AVAILABLE") String code,
        @Schema(description = "The first offending field, when one is to blame", example = "barcode") String field,
        @Schema(description = "Every offending field") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending input field and what is wrong with it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message) {
    }

    public static String typeOf(String code) {
        return "urn:tongjie:problem:" + code;
    }
}
