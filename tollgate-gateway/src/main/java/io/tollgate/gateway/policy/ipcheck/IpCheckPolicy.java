package io.tollgate.gateway.policy.ipcheck;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.gateway.config.JsonFields;
import io.tollgate.gateway.config.ProductConfig;
import io.tollgate.gateway.net.Cidr;
import io.tollgate.gateway.pipeline.Exchange;
import io.tollgate.gateway.policy.Policy;
import io.tollgate.gateway.policy.PolicyContext;
import io.tollgate.gateway.policy.PolicyFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ip_check}: refuses (403 with {@code error_msg}) requests whose client address is not in
 * {@code ips} ({@code whitelist}) or is in them ({@code blacklist}). The address comes from the first
 * of {@code client_ip_sources} that yields one; the default, {@code last_caller}, is the gateway's own
 * view (the peer, or what its trusted proxies said). A request for which no source yields an address
 * is refused in both modes. Runs in the rewrite phase: before credentials and the meter.
 *
 * <p>Tollgate adds {@code x_forwarded_for_depth}: with n trusted proxies in front of the gateway, the
 * address of X-Forwarded-For written by the outermost one (the n-th from the right) is used rather
 * than the first, which any client can forge.
 */
public final class IpCheckPolicy implements Policy {
    private final Cidr[] networks;
    private final boolean whitelist;
    private final String errorMessage;
    private final ClientIpSource[] sources;
    private final int depth;

    private IpCheckPolicy(Cidr[] networks, boolean whitelist, String errorMessage, ClientIpSource[] sources,
            int depth) {
        this.networks = networks;
        this.whitelist = whitelist;
        this.errorMessage = errorMessage;
        this.sources = sources;
        this.depth = depth;
    }

    /** Parses {@code {ips, check_type, error_msg, client_ip_sources, x_forwarded_for_depth}}. */
    public static final class Factory implements PolicyFactory {
        @Override
        public String name() {
            return "ip_check";
        }

        @Override
        public Policy create(ObjectNode configuration, ProductConfig product, PolicyContext context) {
            JsonFields config = JsonFields.of(configuration, "");
            if (!config.has("check_type")) {
                throw config.fail("check_type", "missing (expected: whitelist or blacklist)");
            }
            boolean whitelist = config.oneOf("check_type", "", List.of("whitelist", "blacklist")).equals("whitelist");
            if (!config.has("ips")) {
                throw config.fail("ips", "missing (expected: an array of addresses and CIDRs)");
            }
            List<String> ips = config.strings("ips");
            Cidr[] networks = new Cidr[ips.size()];
            for (int i = 0; i < networks.length; i++) {
                try {
                    networks[i] = Cidr.parse(ips.get(i));
                } catch (IllegalArgumentException e) {
                    throw config.fail("ips[" + i + "]", e.getMessage());
                }
            }
            List<ClientIpSource> sources = new ArrayList<>();
            List<String> names = config.has("client_ip_sources") ? config.strings("client_ip_sources")
                    : List.of("last_caller");
            if (names.isEmpty() || names.size() > 3) {
                throw config.fail("client_ip_sources", names.size() + " entries (expected: 1 to 3)");
            }
            for (int i = 0; i < names.size(); i++) {
                ClientIpSource s = ClientIpSource.of(names.get(i));
                if (s == null) {
                    throw config.fail("client_ip_sources[" + i + "]", "\"" + names.get(i)
                            + "\" (expected: one of X-Forwarded-For, X-Real-IP, last_caller)");
                }
                sources.add(s);
            }
            int depth = config.intValue("x_forwarded_for_depth", 0, 0, 32);
            return new IpCheckPolicy(networks, whitelist, config.string("error_msg", "IP address not allowed"),
                    sources.toArray(ClientIpSource[]::new), depth);
        }
    }

    @Override
    public void onRewrite(Exchange ex) {
        byte[] address = clientAddress(ex);
        if (address == null || contains(address) != whitelist) {
            ex.respond(403, "text/plain; charset=utf-8", errorMessage + "\n");
            return;
        }
        ex.proceed();
    }

    private byte[] clientAddress(Exchange ex) {
        for (ClientIpSource source : sources) {
            byte[] address = source.address(ex, depth);
            if (address != null) {
                return address;
            }
        }
        return null;
    }

    private boolean contains(byte[] address) {
        for (Cidr c : networks) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
