package org.tongjie.delivery.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/**
 * A record of the union catalog as delivery knows it: that it exists, and its title. Written only by
 * {@code CirculationConsumer} from {@code catalog.records}, newer versions over older.
 */
@Entity
@Table(name = "catalog_record")
public class CatalogRecord {

    @Id
    private UUID id;
    private String title;
    private long version;

    protected CatalogRecord() {
    }

    public UUID id() {
        return id;
    }

    public String title() {
        return title;
    }
}
