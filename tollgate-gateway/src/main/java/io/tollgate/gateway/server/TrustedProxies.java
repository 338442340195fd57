package io.tollgate.gateway.server;

import io.tollgate.gateway.net.Cidr;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxies in front of the gateway whose {@code X-Forwarded-For} it believes. A request from any
 * other peer has its forwarding headers replaced (reliability.md C19); from a trusted one, the client
 * is the right-most address of {@code X-Forwarded-For} that is not itself a trusted proxy.
 */
public final class TrustedProxies {
    private static final TrustedProxies NONE = new TrustedProxies(List.of());
    private final List<Cidr> networks;

    private TrustedProxies(List<Cidr> networks) {
        this.networks = List.copyOf(networks);
    }

    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * @param list comma-separated addresses and CIDRs ({@code 10.0.0.0/8, 192.168.1.7}); empty: none
     * @throws IllegalArgumentException naming a bad entry
     */
    public static TrustedProxies parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        List<Cidr> networks = new ArrayList<>();
        for (String entry : list.split(",")) {
            if (!entry.isBlank()) {
                networks.add(Cidr.parse(entry));
            }
        }
        return new TrustedProxies(networks);
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    public boolean trusts(String address) {
        if (networks.isEmpty()) {
            return false;
        }
        byte[] bytes = Cidr.literal(address);
        if (bytes == null) {
            return false;
        }
        for (Cidr c : networks) {
            if (c.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client's address.
     *
     * @param peer the address of the connection's other end
     * @param forwardedFor the request's {@code X-Forwarded-For}, or null
     */
    public String clientAddress(String peer, String forwardedFor) {
        if (forwardedFor == null || !trusts(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (hop.isEmpty()) {
                continue;
            }
            if (!trusts(hop)) {
                return Cidr.literal(hop) != null ? hop : peer;
            }
        }
        return peer;
    }

    @Override
    public String toString() {
        return networks.toString();
    }
}
