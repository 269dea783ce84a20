package org.tongjie.catalog.domain;

/** Where a library sits in the 总分馆 tree, from the province down to the village. */
public enum LibraryLevel {
    PROVINCIAL, CITY, DISTRICT, COUNTY, TOWNSHIP, VILLAGE;

    /** Whether a library of this level may be a branch of one at {@code parent}. */
    public boolean mayReportTo(LibraryLevel parent) {
        if (this == DISTRICT || this == COUNTY) {
            return parent == CITY || parent == PROVINCIAL;
        }
        return parent.ordinal() < ordinal();
    }
}
