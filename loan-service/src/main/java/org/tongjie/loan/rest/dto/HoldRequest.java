package org.tongjie.loan.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** A title-level hold to place. */
@Schema(name = "HoldRequest")
public record HoldRequest(
        @NotNull UUID recordId,
        @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9_-]{1,31}") @Schema(example = "YHT-MAIN")
        String pickupServicePointCode,
        @Size(max = 32) @Schema(description = "Staff name the reader; a reader's own token needs none")
        String cardNumber) {
}
