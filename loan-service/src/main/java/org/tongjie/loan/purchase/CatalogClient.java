package org.tongjie.loan.purchase;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.UUID;

/** catalog-service, for the one thing loan-service must ask it at once: the copy of a bookstore purchase. */
@RegisterRestClient(configKey = "catalog")
@Path("/libraries/{library}/acquisitions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface CatalogClient {

    /** What the catalog needs to match or create the record and make the provisional copy. */
    record AcquisitionRequest(UUID purchaseId, String bookstoreCode, String homeServicePointCode, String isbn,
            String title, List<String> authors, String publisher, Integer publicationYear, String clcClass,
            int maxNetworkCopies, List<String> excludedClasses) {
    }

    /** The provisional copy (the fields used here). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Acquisition(UUID copyId, String barcode, UUID recordId, String isbn, String title, String callNumber,
            String libraryCode, String homeServicePointCode, String loanType, long copyVersion) {
    }

    @POST
    Acquisition acquire(@PathParam("library") String library, @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
            AcquisitionRequest request);
}
