package org.tongjie.catalog.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.catalog.service.HoldingsService;

import java.util.UUID;

/** A copy to register for the caller's library. */
@Schema(name = "CopyRequest")
public record CopyRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9-]{4,32}", message = "must be 4 to 32 letters, digits or '-'")
        @Schema(example = "YHT0000012345") String barcode,
        @NotNull @Schema(example = "5b6f2f5e-8a4e-4d0e-9f51-3c1f0f6f6d11") UUID recordId,
        @NotBlank @Pattern(regexp = Codes.PATTERN, message = Codes.MESSAGE) @Schema(example = "YHT-MAIN")
        String homeServicePointCode,
        @Size(max = 64) @Schema(example = "I242.4/C313") String callNumber,
        @Pattern(regexp = "[A-Z][A-Z_]{1,23}", message = "must be an upper-case loan type code")
        @Schema(example = "STANDARD", defaultValue = "STANDARD") String loanType) {

    public HoldingsService.CopyFields toFields() {
        return new HoldingsService.CopyFields(barcode, recordId, homeServicePointCode, callNumber,
                loanType == null ? "STANDARD" : loanType);
    }
}
