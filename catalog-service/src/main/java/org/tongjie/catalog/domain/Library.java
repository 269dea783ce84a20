package org.tongjie.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A library of the network: provincial, city, district, county, township or village. */
@Entity
@Table(name = "library")
public class Library {

    @Id
    private String code;
    private String name;
    @Enumerated(EnumType.STRING)
    private LibraryLevel level;
    @Column(name = "parent_code")
    private String parentCode;
    @Column(name = "region_code")
    private String regionCode;
    private String address;
    private Double latitude;
    private Double longitude;
    @Column(name = "created_at")
    private Instant createdAt;
    @Version
    private long version;

    protected Library() {
    }

    public static Library register(String code, String name, LibraryLevel level, Library parent, String regionCode,
            String address, Double latitude, Double longitude, Instant now) {
        Library library = new Library();
        library.code = code;
        library.name = name;
        library.level = level;
        library.parentCode = parent == null ? null : parent.code;
        library.regionCode = regionCode;
        library.address = address;
        library.latitude = latitude;
        library.longitude = longitude;
        library.createdAt = now;
        return library;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public LibraryLevel level() {
        return level;
    }

    public String parentCode() {
        return parentCode;
    }

    public String regionCode() {
        return regionCode;
    }

    public String address() {
        return address;
    }

    public Double latitude() {
        return latitude;
    }

    public Double longitude() {
        return longitude;
    }

    public long version() {
        return version;
    }
}
