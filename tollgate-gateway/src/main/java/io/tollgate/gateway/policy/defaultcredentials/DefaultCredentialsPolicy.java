package io.tollgate.gateway.policy.defaultcredentials;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.config.JsonFields;
import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.config.ProductConfig.BackendVersion;
import io.tollgate.gateway.config.ProductConfig.CredentialsLocation;
import io.tollgate.gateway.credentials.AppCredentials;
import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.policy.Policy;
import io.tollgate.gateway.policy.PolicyContext;
import io.tollgate.gateway.policy.PolicyFactory;
import java.util.List;
import java.util.Set;

/**
 * {@code default_credentials} (3scale's "Anonymous access"): a request that carries no credentials
 * is metered as the configured application ({@code user_key}, or {@code app_id} + {@code app_key}).
 * Credentials the request does carry are never replaced, even wrong ones: those get auth_failed as
 * usual. It runs in the rewrite phase and must come before {@code apicast}, which checks credentials
 * there. A form body is read first when the product takes credentials from the query (or form).
 */
public final class DefaultCredentialsPolicy implements Policy {
    private final AppCredentials defaults;
    private final boolean mayBeInForm;

    private DefaultCredentialsPolicy(AppCredentials defaults, boolean mayBeInForm) {
        this.defaults = defaults;
        this.mayBeInForm = mayBeInForm;
    }

    /** Parses {@code {auth_type: user_key|app_id_and_app_key, user_key, app_id, app_key}}. */
    public static final class Factory implements PolicyFactory {
        @Override
        public String name() {
            return "default_credentials";
        }

        @Override
        public Set<String> mustPrecede() {
            return Set.of("apicast");
        }

        @Override
        public Policy create(ObjectNode configuration, ProductConfig product, PolicyContext context) {
            JsonFields config = JsonFields.of(configuration, "");
            if (!config.has("auth_type")) {
                throw config.fail("auth_type", "missing (expected: user_key or app_id_and_app_key)");
            }
            String type = config.oneOf("auth_type", "user_key", List.of("user_key", "app_id_and_app_key"));
            BackendVersion version = product.backendVersion();
            AppCredentials defaults;
            if (type.equals("user_key")) {
                if (version != BackendVersion.USER_KEY) {
                    throw config.fail("auth_type", "\"user_key\" (expected: app_id_and_app_key: the product's"
                            + " backend_version is " + version.code() + ")");
                }
                defaults = AppCredentials.userKey(config.requiredString("user_key"));
            } else {
                if (version == BackendVersion.USER_KEY) {
                    throw config.fail("auth_type", "\"app_id_and_app_key\" (expected: user_key: the product's"
                            + " backend_version is 1)");
                }
                defaults = AppCredentials.appId(config.requiredString("app_id"), config.requiredString("app_key"));
            }
            return new DefaultCredentialsPolicy(defaults,
                    product.credentials().location() == CredentialsLocation.QUERY);
        }
    }

    @Override
    public void onRewrite(Exchange ex) {
        if (ex.credentials().present()) {
            ex.proceed();
            return;
        }
        if (mayBeInForm && ex.bufferedBody() == null && ex.hasFormBody()) {
            ex.bufferBody().onComplete(read -> {
                if (read.failed()) {
                    ex.respond(413, "text/plain; charset=utf-8", "Payload Too Large\n");
                    return;
                }
                useDefaultsIfNone(ex);
            });
            return;
        }
        useDefaultsIfNone(ex);
    }

    private void useDefaultsIfNone(Exchange ex) {
        AppCredentials carried = ex.product().credentials().extract(ex);
        ex.setCredentials(carried.present() ? carried : defaults);
        ex.proceed();
    }
}
