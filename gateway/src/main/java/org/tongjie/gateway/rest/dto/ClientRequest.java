package org.tongjie.gateway.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A machine client of a district library system to create. */
@Schema(name = "ClientRequest")
public record ClientRequest(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,63}", message = "must be 3 to 64 lower-case letters, "
                + "digits, '.', '_' or '-'") @Schema(example = "yht-ils") String clientId,
        @NotBlank @Size(max = 200) @Schema(example = "雨花台区图书馆 ILS") String displayName,
        @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9_-]{1,31}", message = "must be a library code")
        @Schema(example = "YHT") String libraryCode,
        @Pattern(regexp = "[A-Z0-9][A-Z0-9_-]{1,31}", message = "must be a bookstore code")
        @Schema(description = "For a partner bookstore's client: the bookstore (registered with the library first)",
                example = "JHL-XINHUA") String bookstoreCode) {
}
