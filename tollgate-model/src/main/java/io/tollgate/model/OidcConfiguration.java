package io.tollgate.model;

/** The OAuth 2.0 flows an OIDC product allows. */
public record OidcConfiguration(
        boolean standardFlowEnabled,
        boolean implicitFlowEnabled,
        boolean serviceAccountsEnabled,
        boolean directAccessGrantsEnabled) {

    public static final OidcConfiguration DEFAULT = new OidcConfiguration(true, false, false, false);
}
