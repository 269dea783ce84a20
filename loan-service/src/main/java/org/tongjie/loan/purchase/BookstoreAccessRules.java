package org.tongjie.loan.purchase;

import jakarta.enterprise.context.ApplicationScoped;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Caller;
import org.tongjie.platform.security.Roles;

/** Who may do what with a partner bookstore: the bookstore's own client, its library's staff, operators. */
@ApplicationScoped
public class BookstoreAccessRules {

    private final Caller caller;

    BookstoreAccessRules(Caller caller) {
        this.caller = caller;
    }

    /** Only the bookstore's own client records its purchases. */
    public void requireBookstoreItself(Bookstore bookstore) {
        if (!isBookstoreItself(bookstore)) {
            throw ProblemException.forbidden("BOOKSTORE_SCOPE_VIOLATION", "Only bookstore " + bookstore.code()
                    + "'s own client records purchases there");
        }
    }

    /** The bookstore itself, or staff of its library (or operators), may read its purchases and statements. */
    public void requireReader(Bookstore bookstore) {
        if (!isBookstoreItself(bookstore) && !caller.actsFor(bookstore.libraryCode())) {
            throw ProblemException.forbidden("BOOKSTORE_SCOPE_VIOLATION", "Bookstore " + bookstore.code()
                    + " belongs to library " + bookstore.libraryCode());
        }
    }

    /** Registering bookstores, setting rules and settling months is for the library's administrators. */
    public void requireAdministratorOf(String libraryCode) {
        caller.requireActsFor(libraryCode);
        if (!caller.hasRole(Roles.ADMIN)) {
            throw ProblemException.forbidden("ADMIN_REQUIRED", "Only an administrator of " + libraryCode
                    + " may do this");
        }
    }

    private boolean isBookstoreItself(Bookstore bookstore) {
        return caller.bookstore().map(bookstore.code()::equals).orElse(false)
                && caller.library().map(bookstore.libraryCode()::equals).orElse(false);
    }
}
