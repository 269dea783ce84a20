package org.tongjie.platform.library;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Walks a library tree upwards from one library, whichever service's projection of the tree holds it. */
public final class Ancestry {

    /** No real network is deeper than this (province, city, district, township, village, with room to spare). */
    public static final int MAX_DEPTH = 8;

    private Ancestry() {
    }

    /**
     * The library and its ancestors, nearest first; {@code parentOf} answers null at the root or for an unknown
     * library. Bounded, and safe against a cycle in bad data.
     */
    public static List<String> of(String libraryCode, UnaryOperator<String> parentOf) {
        List<String> chain = new ArrayList<>();
        String code = libraryCode;
        while (code != null && chain.size() < MAX_DEPTH && !chain.contains(code)) {
            chain.add(code);
            code = parentOf.apply(code);
        }
        return chain;
    }
}
