package org.tongjie.catalog.service;

import org.tongjie.platform.problem.ProblemException;

/** Optimistic locking over HTTP: an update names the version it was based on (If-Match). */
final class Preconditions {

    private Preconditions() {
    }

    static void requireVersion(long expected, long actual) {
        if (expected != actual) {
            throw new ProblemException(412, "PRECONDITION_FAILED", "Changed since you read it",
                    "The resource is at version " + actual + ", not " + expected + "; read it again and retry",
                    java.util.List.of());
        }
    }
}
