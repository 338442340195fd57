package io.tollgate.model;

import java.time.Instant;

/**
 * An OpenAPI document of a tenant (3scale "ActiveDocs"), optionally tied to one of its products.
 *
 * @param serviceId              the product it documents, or null
 * @param body                   the OpenAPI 2.0/3.x document as JSON text, as sent
 * @param skipSwaggerValidations whether the body was stored without validating it as OpenAPI
 */
public record ActiveDoc(
        long id,
        long accountId,
        Long serviceId,
        String name,
        String systemName,
        String description,
        boolean published,
        boolean skipSwaggerValidations,
        String body,
        Instant createdAt,
        Instant updatedAt) {
}
