package org.tongjie.loan.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of circulation requests at a desk or self-service machine. */
public final class CirculationRequests {

    private static final String BARCODE = "[A-Za-z0-9-]{4,32}";
    private static final String CODE = Codes.PATTERN;

    private CirculationRequests() {
    }

    /** Lend a copy to a patron at a service point. */
    @Schema(name = "CheckOutRequest")
    public record CheckOut(
            @NotBlank @Size(max = 32) @Schema(example = "3201140000123") String cardNumber,
            @NotBlank @Pattern(regexp = BARCODE) @Schema(example = "YHT0000001002") String barcode,
            @NotBlank @Pattern(regexp = CODE) @Schema(example = "YHT-MAIN") String servicePointCode) {
    }

    /** Take a copy in at a service point. */
    @Schema(name = "CheckInRequest")
    public record CheckIn(
            @NotBlank @Pattern(regexp = BARCODE) @Schema(example = "YHT0000001002") String barcode,
            @NotBlank @Pattern(regexp = CODE) @Schema(example = "JLL-MAIN") String servicePointCode) {
    }

    /** Renew the loan of a copy. */
    @Schema(name = "RenewalRequest")
    public record Renewal(@NotBlank @Pattern(regexp = BARCODE) @Schema(example = "YHT0000001002") String barcode) {
    }

    /** Check a card and PIN. */
    @Schema(name = "PinCheckRequest")
    public record PinCheck(@NotBlank @Size(max = 32) String cardNumber, @NotBlank @Size(max = 32) String pin) {
    }

    /** A fine payment taken at a desk, in fen. */
    @Schema(name = "PaymentRequest")
    public record Payment(@Min(1) @Max(10_000_000) @Schema(example = "300") long amountFen) {
    }
}
