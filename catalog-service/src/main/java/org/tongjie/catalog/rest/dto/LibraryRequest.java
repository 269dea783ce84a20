package org.tongjie.catalog.rest.dto;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.catalog.domain.LibraryLevel;
import org.tongjie.catalog.service.LibraryService;

/** A library to register. */
@Schema(name = "LibraryRequest")
public record LibraryRequest(
        @NotBlank @Pattern(regexp = Codes.PATTERN, message = Codes.MESSAGE) @Schema(example = "YHT") String code,
        @NotBlank @Size(max = 200) @Schema(example = "雨花台区图书馆") String name,
        @NotNull @Schema(example = "DISTRICT") LibraryLevel level,
        @Pattern(regexp = Codes.PATTERN, message = Codes.MESSAGE) @Schema(example = "JLL") String parentCode,
        @NotBlank @Pattern(regexp = "\\d{6,12}", message = "must be a 6 to 12 digit administrative region code")
        @Schema(example = "320114") String regionCode,
        @Size(max = 300) @Schema(example = "南京市雨花台区雨花西路") String address,
        @DecimalMin("-90") @DecimalMax("90") @Schema(example = "31.99") Double latitude,
        @DecimalMin("-180") @DecimalMax("180") @Schema(example = "118.77") Double longitude) {

    public LibraryService.NewLibrary toNewLibrary() {
        return new LibraryService.NewLibrary(code, name, level, parentCode, regionCode, address, latitude, longitude);
    }
}
