package org.tongjie.platform.library;

import org.apache.commons.validator.routines.ISBNValidator;

import java.util.Optional;

/** ISBN checking and normalisation to the 13-digit form, 10-digit input accepted. */
public final class Isbn {

    private static final ISBNValidator VALIDATOR = new ISBNValidator(true);

    private Isbn() {
    }

    /** The ISBN-13 without separators, or empty when the input is not a valid ISBN-10 or ISBN-13. */
    public static Optional<String> toIsbn13(String raw) {
        if (raw == null || raw.length() > 32) {
            return Optional.empty();
        }
        // Separators are accepted anywhere: catalogues and readers place hyphens inconsistently.
        return Optional.ofNullable(VALIDATOR.validate(raw.replaceAll("[\\s-]", "")));
    }
}
