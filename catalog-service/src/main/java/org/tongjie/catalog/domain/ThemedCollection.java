package org.tongjie.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A themed collection (专题) of records, curated by the staff of one library. */
@Entity
@Table(name = "collection")
public class ThemedCollection {

    /** Most records one collection holds. */
    public static final int MAX_ITEMS = 5_000;

    @Id
    private UUID id;
    @Column(name = "library_code")
    private String libraryCode;
    private String title;
    private String description;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected ThemedCollection() {
    }

    public static ThemedCollection curate(String libraryCode, String title, String description, Instant now) {
        ThemedCollection collection = new ThemedCollection();
        collection.id = UUID.randomUUID();
        collection.libraryCode = libraryCode;
        collection.title = title;
        collection.description = description;
        collection.createdAt = now;
        collection.updatedAt = now;
        return collection;
    }

    public void touched(Instant now) {
        updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String libraryCode() {
        return libraryCode;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
