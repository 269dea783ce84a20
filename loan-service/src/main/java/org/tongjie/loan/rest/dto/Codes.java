package org.tongjie.loan.rest.dto;

/** Shape of the short codes that name libraries, service points and bookstores. */
public final class Codes {

    public static final String PATTERN = "[A-Z0-9][A-Z0-9_-]{1,31}";
    public static final String MESSAGE = "must be 2 to 32 upper-case letters, digits, '-' or '_'";

    private Codes() {
    }
}
