package org.tongjie.platform.security;

/** The roles a token can carry (in its {@code groups} claim). */
public final class Roles {

    public static final String PATRON = "PATRON";
    public static final String LIBRARIAN = "LIBRARIAN";
    public static final String ADMIN = "ADMIN";
    public static final String SYSTEM = "SYSTEM";
    public static final String OPERATOR = "OPERATOR";

    private Roles() {
    }
}
