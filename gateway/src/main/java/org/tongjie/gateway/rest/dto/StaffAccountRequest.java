package org.tongjie.gateway.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A staff account to create. */
@Schema(name = "StaffAccountRequest")
public record StaffAccountRequest(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._@-]{2,63}", message = "must be 3 to 64 lower-case letters, "
                + "digits, '.', '_', '@' or '-'") @Schema(example = "wang.fang") String username,
        @NotBlank @Size(min = 10, max = 128) @Schema(example = "correct horse battery") String password,
        @NotBlank @Size(max = 200) @Schema(example = "王芳") String displayName,
        @NotBlank @Pattern(regexp = "LIBRARIAN|ADMIN|OPERATOR", message = "must be LIBRARIAN, ADMIN or OPERATOR")
        @Schema(example = "LIBRARIAN") String role,
        @Pattern(regexp = "[A-Z0-9][A-Z0-9_-]{1,31}", message = "must be a library code")
        @Schema(example = "YHT") String libraryCode) {
}
