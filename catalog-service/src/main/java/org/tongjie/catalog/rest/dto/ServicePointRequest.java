package org.tongjie.catalog.rest.dto;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.catalog.domain.ServicePoint;
import org.tongjie.catalog.domain.ServicePointType;
import org.tongjie.catalog.service.LibraryService;

/** A service point to open at a library. */
@Schema(name = "ServicePointRequest")
public record ServicePointRequest(
        @NotBlank @Pattern(regexp = Codes.PATTERN, message = Codes.MESSAGE) @Schema(example = "JH-KKSB-01") String code,
        @NotBlank @Size(max = 200) @Schema(example = "看看书吧·金湖万达店") String name,
        @NotNull @Schema(example = "READING_BAR") ServicePointType type,
        @Schema(description = "Lends books", defaultValue = "true") Boolean lend,
        @Schema(description = "Takes returns", defaultValue = "true") Boolean acceptReturns,
        @Schema(description = "Keeps holds for pickup", defaultValue = "true") Boolean holdPickup,
        @Schema(description = "Dispatches home deliveries", defaultValue = "false") Boolean deliveryHub,
        @Size(max = 300) String address,
        @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @DecimalMin("-180") @DecimalMax("180") Double longitude) {

    public LibraryService.NewServicePoint toNewServicePoint() {
        ServicePoint.Capabilities capabilities = new ServicePoint.Capabilities(orTrue(lend), orTrue(acceptReturns),
                orTrue(holdPickup), deliveryHub != null && deliveryHub);
        return new LibraryService.NewServicePoint(code, name, type, capabilities, address, latitude, longitude);
    }

    private static boolean orTrue(Boolean value) {
        return value == null || value;
    }
}
