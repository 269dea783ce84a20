package org.tongjie.loan.purchase;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A partner bookstore of a library; what readers pick there becomes a copy of its service point. */
@Entity
@Table(name = "bookstore")
public class Bookstore {

    @Id
    private String code;
    @Column(name = "library_code")
    private String libraryCode;
    private String name;
    @Column(name = "service_point_code")
    private String servicePointCode;
    private boolean active;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected Bookstore() {
    }

    public static Bookstore register(String code, String libraryCode, Instant now) {
        Bookstore bookstore = new Bookstore();
        bookstore.code = code;
        bookstore.libraryCode = libraryCode;
        bookstore.createdAt = now;
        return bookstore;
    }

    public void describe(String newName, String newServicePoint, boolean isActive, Instant now) {
        name = newName;
        servicePointCode = newServicePoint;
        active = isActive;
        updatedAt = now;
    }

    public String code() {
        return code;
    }

    public String libraryCode() {
        return libraryCode;
    }

    public String name() {
        return name;
    }

    public String servicePointCode() {
        return servicePointCode;
    }

    public boolean active() {
        return active;
    }

    public long version() {
        return version;
    }
}
