package io.tollgate.dist;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where {@code tollgate gateway} takes its products from ({@code --mode}, docs/cli.md). A new mode is a
 * constant here and a case in {@link GatewayCommand}'s loader settings; everything after the loader (image,
 * listeners, policies, management) is the same for all of them.
 */
enum GatewayMode {
    /** The control plane's proxy configurations ({@code TOLLGATE_PORTAL_ENDPOINT}) or a file of them
     * ({@code TOLLGATE_CONFIG_FILE}); products routed by Host on the traffic port. */
    CONTROL_PLANE("control-plane"),
    /** Declarative YAML resources in a directory ({@code --config-dir}); each API instance on its own port. */
    LOCAL("local"),
    /** Registered with the control plane, which pushes API instances (docs/gateway-local-mode.md): not built yet. */
    CONNECTED("connected");

    private final String option;

    GatewayMode(String option) {
        this.option = option;
    }

    String option() {
        return option;
    }

    /** @throws UserException naming the accepted values */
    static GatewayMode parse(String value) {
        for (GatewayMode m : values()) {
            if (m.option.equalsIgnoreCase(value.trim())) {
                return m;
            }
        }
        throw new UserException("--mode: \"" + value + "\" (expected: one of " + Arrays.stream(values())
                .map(GatewayMode::option).collect(Collectors.joining(", ")) + ")");
    }
}
