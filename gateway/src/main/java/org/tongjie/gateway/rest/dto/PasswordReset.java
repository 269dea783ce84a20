package org.tongjie.gateway.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new password set by an administrator. */
@Schema(name = "PasswordReset")
public record PasswordReset(@NotBlank @Size(min = 10, max = 128) @Schema(example = "a new long password")
        String password) {
}
