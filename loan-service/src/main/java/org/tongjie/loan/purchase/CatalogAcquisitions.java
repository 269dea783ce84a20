package org.tongjie.loan.purchase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.tongjie.platform.problem.Problem;
import org.tongjie.platform.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;

/**
 * The synchronous call to catalog-service, with a timeout and a circuit breaker. The catalog's refusals (4xx)
 * come back as the same problem; any other failure means the catalog cannot answer now.
 */
@ApplicationScoped
public class CatalogAcquisitions {

    private final CatalogClient catalog;
    private final ObjectMapper mapper;

    CatalogAcquisitions(@RestClient CatalogClient catalog, ObjectMapper mapper) {
        this.catalog = catalog;
        this.mapper = mapper;
    }

    /** Refusals are the caller's answer, not a sign the catalog is failing: the breaker ignores them. */
    @Timeout(5000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000, skipOn = ProblemException.class)
    public CatalogClient.Acquisition acquire(String library, String bearer, CatalogClient.AcquisitionRequest request) {
        try {
            return catalog.acquire(library, bearer, request);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 400 && status < 500 && status != 401 && status != 403) {
                throw refusal(e);
            }
            throw new IllegalStateException("catalog-service answered " + status, e);
        }
    }

    private ProblemException refusal(WebApplicationException e) {
        try {
            JsonNode problem = mapper.readTree(e.getResponse().readEntity(String.class));
            List<Problem.FieldError> errors = new ArrayList<>();
            problem.path("errors").forEach(error -> errors.add(new Problem.FieldError(error.path("field").asText(),
                    error.path("message").asText())));
            return new ProblemException(e.getResponse().getStatus(), problem.path("code").asText("CATALOG_REFUSED"),
                    problem.path("title").asText("Refused by the catalog"), problem.path("detail").asText(""), errors);
        } catch (Exception unreadable) {
            return new ProblemException(e.getResponse().getStatus(), "CATALOG_REFUSED", "Refused by the catalog",
                    "catalog-service refused the purchase's copy", List.of());
        }
    }
}
