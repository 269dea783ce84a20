package org.tongjie.gateway.auth;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.tongjie.gateway.client.PatronAuthenticationClient;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Roles;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * Signs readers in with card number and PIN, checked by loan-service. The call has a timeout and a circuit
 * breaker, so a slow or failing loan-service is answered at once with 503 instead of tying up the gateway.
 */
@ApplicationScoped
public class PatronSignIn {

    private final PatronAuthenticationClient loanService;
    private final TokenIssuer issuer;

    PatronSignIn(@RestClient PatronAuthenticationClient loanService, TokenIssuer issuer) {
        this.loanService = loanService;
        this.issuer = issuer;
    }

    /** Checks card and PIN with loan-service; returns the reader's card number as loan-service knows it. */
    public String signIn(String cardNumber, String pin) {
        PatronAuthenticationClient.Reader reader;
        try {
            reader = verify(cardNumber, pin);
        } catch (TimeoutException | CircuitBreakerOpenException | ProcessingException e) {
            throw new ProblemException(503, "UPSTREAM_UNAVAILABLE", "Sign-in unavailable",
                    "Readers cannot sign in right now; retry shortly", List.of());
        }
        return reader.cardNumber();
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = ProblemException.class)
    @CircuitBreakerName("loan-patron-authentication")
    PatronAuthenticationClient.Reader verify(String cardNumber, String pin) {
        String self = "Bearer " + issuer.issue("gateway", Set.of(Roles.SYSTEM), null).accessToken();
        try (Response response = loanService.verify(self, new PatronAuthenticationClient.PinCheck(cardNumber, pin))) {
            if (response.getStatus() == 200) {
                return response.readEntity(PatronAuthenticationClient.Reader.class);
            }
            throw refusal(response.getStatus());
        } catch (jakarta.ws.rs.WebApplicationException e) {
            // The client's default mapper turns 4xx and 5xx answers into exceptions.
            throw refusal(e.getResponse().getStatus());
        }
    }

    private static RuntimeException refusal(int status) {
        return switch (status) {
            case 423 -> new ProblemException(400, "CARD_LOCKED", "Card locked",
                    "Too many wrong PINs; try again in 15 minutes or ask at a desk", List.of());
            case 401, 422 -> new ProblemException(400, "INVALID_GRANT", "Sign-in refused", "Wrong card number or PIN",
                    List.of());
            default -> new ProcessingException("loan-service answered " + status);
        };
    }
}
