package org.tongjie.platform.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.tongjie.platform.problem.ProblemException;

/**
 * Deny by default for partner bookstores: a token carrying the {@value Caller#BOOKSTORE_CLAIM} claim reaches only
 * endpoints marked {@link BookstoreAccess}. Resolves the caller without blocking, so it runs on the I/O thread.
 */
public class BookstoreScopeFilter {

    private final CurrentIdentityAssociation identities;

    BookstoreScopeFilter(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION - 10)
    public Uni<Response> refuseBookstoresOutsideTheirEndpoints(ContainerRequestContext request, ResourceInfo resource) {
        if (request.getHeaderString(HttpHeaders.AUTHORIZATION) == null || resource.getResourceMethod() == null
                || allowsBookstores(resource)) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity().map(identity -> {
            String bookstore = bookstoreOf(identity);
            if (bookstore != null) {
                throw ProblemException.forbidden("BOOKSTORE_SCOPE_VIOLATION",
                        "Bookstore " + bookstore + " may only record its own purchases");
            }
            return null;
        });
    }

    private static boolean allowsBookstores(ResourceInfo resource) {
        return resource.getResourceMethod().isAnnotationPresent(BookstoreAccess.class)
                || resource.getResourceClass().isAnnotationPresent(BookstoreAccess.class);
    }

    private static String bookstoreOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        return token.getClaim(Caller.BOOKSTORE_CLAIM);
    }
}
