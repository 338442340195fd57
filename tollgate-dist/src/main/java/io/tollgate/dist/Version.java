package io.tollgate.dist;

import picocli.CommandLine;

/** The version from the jar manifest (Implementation-Version), or "development". */
final class Version implements CommandLine.IVersionProvider {
    static String current() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"tollgate " + current(), "Java " + Runtime.version()};
    }
}
