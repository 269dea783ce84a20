package org.tongjie.loan.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.loan.domain.PatronType;
import org.tongjie.loan.service.Patrons;

/** A reader to register at a library. */
@Schema(name = "PatronRequest")
public record PatronRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9]{6,32}", message = "must be 6 to 32 letters or digits")
        @Schema(example = "3201140000123") String cardNumber,
        @NotBlank @Size(max = 100) @Schema(example = "李明") String name,
        @NotNull @Schema(example = "ADULT") PatronType patronType,
        @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9_-]{1,31}") @Schema(example = "YHT") String homeLibrary,
        @NotBlank @Pattern(regexp = "\\d{6}", message = "must be 6 digits") String pin,
        @Pattern(regexp = "\\d{17}[\\dXx]", message = "must be 18 characters: 17 digits and a check digit or X")
        @Schema(description = "Checked, then kept only masked", example = "11010519491231002X") String residentId,
        @Pattern(regexp = "\\+?[0-9 -]{6,20}") String phone) {

    public Patrons.NewPatron toNewPatron() {
        return new Patrons.NewPatron(cardNumber, name, patronType, homeLibrary, pin, residentId, phone);
    }
}
