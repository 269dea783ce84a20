package org.tongjie.delivery.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** delivery-service's own reading of catalog's ServicePointOpened. */
@JsonIgnoreProperties(ignoreUnknown = true)
record ServicePointOpened(String code, String libraryCode, String name, String type, boolean holdPickup,
        boolean deliveryHub) {
}
