package org.tongjie.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.UUID;

/** A district system's own identifier for a record, so it is matched again on the next sync. */
@Entity
@Table(name = "record_source")
public class RecordSource {

    /** The library and its own record identifier. */
    @Embeddable
    public record Key(@Column(name = "library_code") String libraryCode, @Column(name = "source_ref") String sourceRef)
            implements Serializable {
    }

    @EmbeddedId
    private Key key;
    @Column(name = "record_id")
    private UUID recordId;

    protected RecordSource() {
    }

    public static RecordSource of(String libraryCode, String sourceRef, UUID recordId) {
        RecordSource source = new RecordSource();
        source.key = new Key(libraryCode, sourceRef);
        source.recordId = recordId;
        return source;
    }

    public Key key() {
        return key;
    }

    public UUID recordId() {
        return recordId;
    }
}
