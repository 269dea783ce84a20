package org.tongjie.platform.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.tongjie.platform.problem.ProblemException;

import java.util.Optional;

/**
 * Who is calling, read from the verified token: subject, roles and the library a staff member or machine
 * client acts for (claim {@value #LIBRARY_CLAIM}).
 */
@RequestScoped
public class Caller {

    public static final String LIBRARY_CLAIM = "library";
    /** On a partner bookstore's tokens: which bookstore (of the library in {@value #LIBRARY_CLAIM}) it is. */
    public static final String BOOKSTORE_CLAIM = "bookstore";

    @Inject
    JsonWebToken token;

    public String subject() {
        return token.getSubject();
    }

    public boolean hasRole(String role) {
        return token.getGroups() != null && token.getGroups().contains(role);
    }

    /** The library this caller is scoped to, if any. */
    public Optional<String> library() {
        return Optional.ofNullable(token.<String>getClaim(LIBRARY_CLAIM));
    }

    /** The partner bookstore this caller is, if it is one; a bookstore acts only as itself, never for its library. */
    public Optional<String> bookstore() {
        return Optional.ofNullable(token.<String>getClaim(BOOKSTORE_CLAIM));
    }

    /** Whether the caller acts for the library: its own staff or client, an operator or a network administrator. */
    public boolean actsFor(String libraryCode) {
        return actsNetworkWide() || (bookstore().isEmpty() && library().map(libraryCode::equals).orElse(false));
    }

    /** Whether the caller acts for every library: an operator, or an administrator of no one library. */
    public boolean actsNetworkWide() {
        return bookstore().isEmpty() && (hasRole(Roles.OPERATOR) || (hasRole(Roles.ADMIN) && library().isEmpty()));
    }

    /**
     * Refuses with 403 unless the caller acts for {@code libraryCode}. Operators and network-wide
     * administrators (an ADMIN token without a library) may act for every library.
     */
    public void requireActsFor(String libraryCode) {
        if (!actsFor(libraryCode)) {
            throw ProblemException.forbidden("LIBRARY_SCOPE_VIOLATION",
                    "This account acts for library " + library().orElse("(none)") + ", not " + libraryCode);
        }
    }
}
