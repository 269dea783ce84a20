package org.tongjie.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.gateway.auth.StaffAccount;

/** A staff account (never its password). */
@Schema(name = "StaffAccount")
public record StaffAccountResponse(String username, String displayName, String role, String libraryCode) {

    public static StaffAccountResponse from(StaffAccount account) {
        return new StaffAccountResponse(account.username(), account.displayName(), account.role(),
                account.libraryCode());
    }
}
