package org.tongjie.loan.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A library of the tree, so policies can be inherited from parents. */
@Entity
@Table(name = "library_node")
public class LibraryNode {

    @Id
    private String code;
    @Column(name = "parent_code")
    private String parentCode;
    private String name;
    private Double latitude;
    private Double longitude;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected LibraryNode() {
    }

    public static LibraryNode of(String code, String parentCode, String name, Double latitude, Double longitude,
            Instant now) {
        LibraryNode node = new LibraryNode();
        node.code = code;
        node.parentCode = parentCode;
        node.name = name;
        node.latitude = latitude;
        node.longitude = longitude;
        node.updatedAt = now;
        return node;
    }

    public String code() {
        return code;
    }

    /**
     * Great-circle distance to another library in kilometres (haversine); infinite when either location is
     * unknown, so libraries without coordinates rank after those with.
     */
    public double kilometresTo(LibraryNode other) {
        if (other == null || latitude == null || longitude == null || other.latitude == null
                || other.longitude == null) {
            return Double.POSITIVE_INFINITY;
        }
        double dLat = Math.toRadians(other.latitude - latitude);
        double dLon = Math.toRadians(other.longitude - longitude);
        double a = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(latitude))
                * Math.cos(Math.toRadians(other.latitude)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * 6371.0 * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }

    public String parentCode() {
        return parentCode;
    }
}
