package org.tongjie.catalog.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A themed collection to start. */
@Schema(name = "CollectionRequest")
public record CollectionRequest(
        @Pattern(regexp = "[A-Z0-9][A-Z0-9_-]{1,31}") @Schema(description = "Defaults to the caller's library",
                example = "JLL") String libraryCode,
        @NotBlank @Size(max = 200) @Schema(example = "金陵文脉·南京作家作品") String title,
        @Size(max = 2000) String description) {
}
