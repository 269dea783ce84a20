package org.tongjie.platform.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A fact a service publishes. Implemented by the producer's event records; the record's components
 * become the envelope's {@code data}.
 */
public interface DomainEvent {

    /** The Kafka topic of the aggregate family, e.g. {@code catalog.copies}. */
    @JsonIgnore
    String topic();

    /** The aggregate kind, e.g. {@code Copy}. */
    @JsonIgnore
    String aggregateType();

    /** The aggregate's id; also the Kafka key, so events of one aggregate stay in order. */
    @JsonIgnore
    String aggregateId();

    /** Past-tense name of what happened; the record's simple name unless overridden. */
    @JsonIgnore
    default String eventType() {
        return getClass().getSimpleName();
    }

    /** Schema version of {@code data}; raised when a field changes meaning or is removed. */
    @JsonIgnore
    default int eventVersion() {
        return 1;
    }
}
