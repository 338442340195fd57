package io.tollgate.gateway.local;

import static java.util.Objects.requireNonNull;

/**
 * One resource of a local-mode directory, with its {@code $ENV} references substituted.
 *
 * @param file the file it was read from, relative to the directory ({@code apis.yaml})
 * @param kind ApiInstance, Service, PolicyBinding or Configuration
 * @param namespace {@code metadata.namespace}, {@code default} when absent
 * @param name {@code metadata.name}
 * @param spec its {@code spec}
 */
record Resource(String file, Kind kind, String namespace, String name, Node spec) {

    /** The kinds of {@code gateway.tollgate.dev/v1alpha1}. */
    enum Kind { ApiInstance, Service, PolicyBinding, Configuration }

    static final String DEFAULT_NAMESPACE = "default";

    Resource {
        requireNonNull(file, "file");
        requireNonNull(kind, "kind");
        requireNonNull(namespace, "namespace");
        requireNonNull(name, "name");
        requireNonNull(spec, "spec");
    }

    /** {@code my-api}, or {@code team-a/my-api} outside the default namespace. */
    String qualifiedName() {
        return qualified(namespace, name);
    }

    static String qualified(String namespace, String name) {
        return DEFAULT_NAMESPACE.equals(namespace) ? name : namespace + "/" + name;
    }

    /** {@code apis.yaml: ApiInstance my-api}, the start of every message about it. */
    String where() {
        return where(file, kind, namespace, name);
    }

    static String where(String file, Kind kind, String namespace, String name) {
        return file + ": " + kind + " " + qualified(namespace, name);
    }
}
