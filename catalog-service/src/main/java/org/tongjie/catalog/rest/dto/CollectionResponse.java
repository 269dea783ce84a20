package org.tongjie.catalog.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.catalog.domain.ThemedCollection;

import java.time.Instant;
import java.util.UUID;

/** A themed collection. */
@Schema(name = "Collection")
public record CollectionResponse(UUID id, String libraryCode, String title, String description, Instant updatedAt) {

    public static CollectionResponse from(ThemedCollection collection) {
        return new CollectionResponse(collection.id(), collection.libraryCode(), collection.title(),
                collection.description(), collection.updatedAt());
    }
}
