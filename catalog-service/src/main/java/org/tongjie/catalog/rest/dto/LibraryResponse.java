package org.tongjie.catalog.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.catalog.domain.Library;
import org.tongjie.catalog.domain.LibraryLevel;

/** A library of the network. */
@Schema(name = "Library")
public record LibraryResponse(String code, String name, LibraryLevel level, String parentCode, String regionCode,
        String address, Double latitude, Double longitude) {

    public static LibraryResponse from(Library library) {
        return new LibraryResponse(library.code(), library.name(), library.level(), library.parentCode(),
                library.regionCode(), library.address(), library.latitude(), library.longitude());
    }
}
