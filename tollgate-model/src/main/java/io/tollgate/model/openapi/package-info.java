/**
 * What the server (ActiveDocs) and the client (OpenAPI import) agree on about OpenAPI documents: which
 * versions are accepted, and how a parser's message becomes a problem with a JSON pointer.
 */
package io.tollgate.model.openapi;
