package org.tongjie.catalog.domain;

/** The kinds of place where readers borrow, return or collect books. */
public enum ServicePointType {
    DESK, SELF_SERVICE_24H, READING_BAR, VILLAGE_BOOK_HOUSE, LOCKER
}
