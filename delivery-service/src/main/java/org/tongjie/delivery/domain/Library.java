package org.tongjie.delivery.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A library of the network as the catalog announces it. */
@Entity
@Table(name = "library")
public class Library {

    @Id
    private String code;
    @Column(name = "parent_code")
    private String parentCode;
    private String name;
    @Column(name = "region_code")
    private String regionCode;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Library() {
    }

    public static Library of(String code, String parentCode, String name, String regionCode, Instant now) {
        Library library = new Library();
        library.code = code;
        library.parentCode = parentCode;
        library.name = name;
        library.regionCode = regionCode;
        library.updatedAt = now;
        return library;
    }

    public String code() {
        return code;
    }

    public String parentCode() {
        return parentCode;
    }

    public String name() {
        return name;
    }
}
