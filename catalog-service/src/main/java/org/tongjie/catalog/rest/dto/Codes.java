package org.tongjie.catalog.rest.dto;

/** Shape of the short codes that name libraries and service points. */
final class Codes {

    static final String PATTERN = "[A-Z0-9][A-Z0-9_-]{1,31}";
    static final String MESSAGE = "must be 2 to 32 upper-case letters, digits, '-' or '_'";

    private Codes() {
    }
}
