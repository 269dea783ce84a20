package org.tongjie.catalog.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.catalog.service.HoldingsService;

import java.util.UUID;

/** What a copy is to become (its barcode never changes). */
@Schema(name = "CopyRevision")
public record CopyRevision(
        @NotNull UUID recordId,
        @NotBlank @Size(max = 32) @Schema(example = "YHT-MAIN") String homeServicePointCode,
        @Size(max = 64) String callNumber,
        @Pattern(regexp = "[A-Z][A-Z_]{1,23}", message = "must be an upper-case loan type code")
        @Schema(defaultValue = "STANDARD") String loanType) {

    public HoldingsService.CopyFields toFields(String barcode) {
        return new HoldingsService.CopyFields(barcode, recordId, homeServicePointCode, callNumber,
                loanType == null ? "STANDARD" : loanType);
    }
}
