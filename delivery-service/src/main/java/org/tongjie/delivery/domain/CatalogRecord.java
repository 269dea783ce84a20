package org.tongjie.delivery.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A record of the union catalog as delivery knows it: that it exists, and its title. */
@Entity
@Table(name = "catalog_record")
public class CatalogRecord {

    @Id
    private UUID id;
    private String title;
    private long version;

    protected CatalogRecord() {
    }

    public static CatalogRecord of(UUID id, String title, long version) {
        CatalogRecord record = new CatalogRecord();
        record.id = id;
        record.title = title;
        record.version = version;
        return record;
    }

    /** Takes a newer description; older ones arriving late are ignored. */
    public void describe(String title, long version) {
        if (version > this.version) {
            this.title = title;
            this.version = version;
        }
    }

    public UUID id() {
        return id;
    }

    public String title() {
        return title;
    }
}
