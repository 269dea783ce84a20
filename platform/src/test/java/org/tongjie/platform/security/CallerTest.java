package org.tongjie.platform.security;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallerTest {

    /** A verified token's claims, as the JWT library hands them to {@link Caller}. */
    private record Claims(Map<String, Object> claims) implements JsonWebToken {

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String name) {
            return (T) claims.get(name);
        }
    }

    private static Caller caller(Set<String> roles, String library, String bookstore) {
        Map<String, Object> claims = new HashMap<>(Map.of("groups", roles));
        if (library != null) {
            claims.put(Caller.LIBRARY_CLAIM, library);
        }
        if (bookstore != null) {
            claims.put(Caller.BOOKSTORE_CLAIM, bookstore);
        }
        Caller caller = new Caller();
        caller.token = new Claims(claims);
        return caller;
    }

    @Test
    void shouldActForEveryLibraryOnlyAsOperatorOrAdministratorOfNoOneLibrary() {
        assertTrue(caller(Set.of(Roles.OPERATOR), null, null).actsNetworkWide());
        assertTrue(caller(Set.of(Roles.ADMIN), null, null).actsNetworkWide());
        assertTrue(caller(Set.of(Roles.ADMIN), null, null).actsFor("NJL"));

        Caller libraryAdmin = caller(Set.of(Roles.ADMIN, Roles.LIBRARIAN), "JLL", null);
        assertFalse(libraryAdmin.actsNetworkWide());
        assertTrue(libraryAdmin.actsFor("JLL"));
        assertFalse(libraryAdmin.actsFor("NJL"));

        Caller librarian = caller(Set.of(Roles.LIBRARIAN), "JLL", null);
        assertFalse(librarian.actsNetworkWide());
        assertTrue(librarian.actsFor("JLL"));
    }

    @Test
    void shouldNeverLetABookstoreActForALibraryWhateverItsRoles() {
        Caller bookstore = caller(Set.of(Roles.SYSTEM, Roles.ADMIN), "JLL", "JLL-XINHUA");
        assertFalse(bookstore.actsNetworkWide());
        assertFalse(bookstore.actsFor("JLL"));
        assertFalse(caller(Set.of(Roles.OPERATOR), null, "JLL-XINHUA").actsNetworkWide());
    }
}
