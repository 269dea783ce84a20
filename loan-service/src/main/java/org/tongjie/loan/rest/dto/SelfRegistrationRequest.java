package org.tongjie.loan.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.loan.service.Patrons;

/** A reader signing up in the app. */
@Schema(name = "SelfRegistrationRequest")
public record SelfRegistrationRequest(
        @NotBlank @Size(max = 100) @Schema(example = "赵敏") String name,
        @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9_-]{1,31}", message = "must be a library code")
        @Schema(description = "The library the reader belongs to", example = "YHT") String homeLibrary,
        @NotBlank @Pattern(regexp = "\\d{6}", message = "must be 6 digits") String pin,
        @NotBlank @Pattern(regexp = "\\d{17}[\\dXx]", message = "must be 18 characters: 17 digits and a check "
                + "digit or X") @Schema(description = "Required: checked, sets the reader's type by age, then kept "
                + "only masked", example = "32011420100307002X") String residentId,
        @NotBlank @Pattern(regexp = "1\\d{10}", message = "must be an 11-digit mobile number")
        @Schema(example = "13912345678") String phone) {

    public Patrons.SelfRegistration toRegistration() {
        return new Patrons.SelfRegistration(name, homeLibrary, pin, residentId.toUpperCase(), phone);
    }
}
