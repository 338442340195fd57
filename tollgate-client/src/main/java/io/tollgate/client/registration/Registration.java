package io.tollgate.client.registration;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The content of {@code registration.yaml}: who the gateway is, where its control plane is, and the
 * credentials the control plane's CA issued to it. The private key was generated where the file was
 * written and never travelled; the file is a credential and is kept at mode 0600.
 *
 * @param name            the gateway's name, unique in its organization and environment
 * @param gatewayId       the registry's id for it
 * @param organization    the tenant's account id
 * @param environment     {@code production} or {@code staging}
 * @param connected       whether it was registered for connected mode
 * @param controlPlaneUrl the control plane's admin API base URL (registration and renewal)
 * @param gatewayApiUrl   the control plane's mTLS gateway API base URL (heartbeat, configuration)
 * @param certificate     the client certificate (PEM)
 * @param privateKey      its private key (PKCS#8 PEM)
 * @param caBundle        the CA certificates that sign client certificates and the gateway API's
 *                        server certificate (PEM)
 */
@JsonPropertyOrder({"name", "gatewayId", "organization", "environment", "connected", "controlPlaneUrl",
        "gatewayApiUrl", "certificate", "privateKey", "caBundle"})
@JsonIgnoreProperties(ignoreUnknown = true)
public record Registration(
        @JsonProperty("name") String name,
        @JsonProperty("gatewayId") long gatewayId,
        @JsonProperty("organization") String organization,
        @JsonProperty("environment") String environment,
        @JsonProperty("connected") boolean connected,
        @JsonProperty("controlPlaneUrl") String controlPlaneUrl,
        @JsonProperty("gatewayApiUrl") String gatewayApiUrl,
        @JsonProperty("certificate") String certificate,
        @JsonProperty("privateKey") String privateKey,
        @JsonProperty("caBundle") String caBundle) {

    public Registration {
        requireNonNull(name, "name");
        requireNonNull(organization, "organization");
        requireNonNull(environment, "environment");
        requireNonNull(controlPlaneUrl, "controlPlaneUrl");
        requireNonNull(certificate, "certificate");
        requireNonNull(privateKey, "privateKey");
        requireNonNull(caBundle, "caBundle");
    }

    /** The same registration with a newly issued certificate and key. */
    public Registration renewed(String newCertificate, String newPrivateKey, String newCaBundle,
            String newGatewayApiUrl) {
        return new Registration(name, gatewayId, organization, environment, connected, controlPlaneUrl,
                newGatewayApiUrl, newCertificate, newPrivateKey, newCaBundle);
    }

    @Override
    public String toString() {
        return "Registration[name=" + name + ", gatewayId=" + gatewayId + ", organization=" + organization
                + ", environment=" + environment + ", connected=" + connected + ", controlPlaneUrl="
                + controlPlaneUrl + ", gatewayApiUrl=" + gatewayApiUrl + "]";
    }
}
