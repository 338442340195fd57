package io.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RemoteTest {
    @Test
    void splitsTheTokenFromTheEndpoint() {
        Remote remote = Remote.parse("https://3f9c%2Fx@admin.example.com:8443/base/");
        assertThat(remote.token()).isEqualTo("3f9c/x");
        assertThat(remote.endpoint()).hasToString("https://admin.example.com:8443/base");
        assertThat(remote).hasToString("https://admin.example.com:8443/base");
        assertThat(remote.url()).isEqualTo("https://3f9c%2Fx@admin.example.com:8443/base");
        assertThat(Remote.parse(remote.url())).isEqualTo(remote);
    }

    @Test
    void saysWhatIsMissing() {
        assertThatThrownBy(() -> Remote.parse("https://admin.example.com")).hasMessageContaining("no access token");
        assertThatThrownBy(() -> Remote.parse("ftp://t@h")).hasMessageStartingWith("expected an http:// or https:// URL");
        assertThatThrownBy(() -> Remote.parse("http://t@")).hasMessageContaining("no host");
        assertThat(Remote.isUrl("prod")).isFalse();
        assertThat(Remote.isUrl("HTTPS://t@h")).isTrue();
    }

    @Test
    void describesApiErrorsInOneLine() {
        var body = Documents.parse("{\"errors\":{\"system_name\":[\"has already been taken\"],\"base\":[\"no\"]}}", "b");
        assertThat(new ApiException("POST", "/admin/api/services.json", 422, body))
                .hasMessage("HTTP 422 on POST /admin/api/services.json: system_name: has already been taken; no");
        assertThat(new ApiException("GET", "/x.json", 403, Documents.parse("{\"error\":\"Access denied\"}", "b")))
                .hasMessage("HTTP 403 on GET /x.json: Access denied");
        assertThat(new ApiException("GET", "/x.json", 502, com.fasterxml.jackson.databind.node.MissingNode.getInstance()))
                .hasMessage("HTTP 502 on GET /x.json: unexpected answer");
    }
}
