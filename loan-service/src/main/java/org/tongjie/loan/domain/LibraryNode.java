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
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected LibraryNode() {
    }

    public static LibraryNode of(String code, String parentCode, String name, Instant now) {
        LibraryNode node = new LibraryNode();
        node.code = code;
        node.parentCode = parentCode;
        node.name = name;
        node.updatedAt = now;
        return node;
    }

    public String code() {
        return code;
    }

    public String parentCode() {
        return parentCode;
    }
}
