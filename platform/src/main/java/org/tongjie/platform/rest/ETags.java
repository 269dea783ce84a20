package org.tongjie.platform.rest;

import org.tongjie.platform.problem.Problem;
import org.tongjie.platform.problem.ProblemException;

import java.util.List;

/** The If-Match a lost-update-safe write must carry; entity tags are the resource's version number. */
public final class ETags {

    public static final String IF_MATCH = "If-Match";

    private ETags() {
    }

    /**
     * The version an If-Match header names: 428 when it is missing, 412 when it is not one of ours (a
     * stale or foreign tag can never match).
     */
    public static long requiredVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "PRECONDITION_REQUIRED", "If-Match required",
                    "Send the ETag you read in If-Match, so a concurrent change is not overwritten",
                    List.of(new Problem.FieldError(IF_MATCH, "is required")));
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        try {
            return Long.parseLong(tag.replace("\"", ""));
        } catch (NumberFormatException e) {
            throw new ProblemException(412, "PRECONDITION_FAILED", "Changed since you read it",
                    "If-Match " + ifMatch + " does not name a version of this resource",
                    List.of(new Problem.FieldError(IF_MATCH, "is not an ETag of this resource")));
        }
    }
}
