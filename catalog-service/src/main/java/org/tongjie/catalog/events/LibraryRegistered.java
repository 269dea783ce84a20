package org.tongjie.catalog.events;

import org.tongjie.catalog.domain.Library;
import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.events.Topics;

/** A library joined the network (topic {@code catalog.libraries}). */
public record LibraryRegistered(String code, String name, String level, String parentCode, String regionCode,
        Double latitude, Double longitude) implements DomainEvent {

    public static LibraryRegistered of(Library library) {
        return new LibraryRegistered(library.code(), library.name(), library.level().name(), library.parentCode(),
                library.regionCode(), library.latitude(), library.longitude());
    }

    @Override
    public String topic() {
        return Topics.CATALOG_LIBRARIES;
    }

    @Override
    public String aggregateType() {
        return "Library";
    }

    @Override
    public String aggregateId() {
        return code;
    }
}
