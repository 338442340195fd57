package io.tollgate.meter.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, indexed {@link MeterSnapshot}: every lookup the request path makes is a hash-map get.
 * A new configuration is a new image, swapped in whole.
 */
public final class MeterImage {
    private final MeterSnapshot snapshot;
    private final Map<String, MeterTenant> tenantsByKeyDigest = new HashMap<>();
    private final Map<Long, MeterTenant> tenants = new HashMap<>();
    private final Map<Long, ServiceView> services = new HashMap<>();
    private final Map<Long, MeterPlan> plans = new HashMap<>();
    private final Map<Long, MeterApp> apps = new HashMap<>();
    private final Map<AppRef, MeterApp> appsByUserKey = new HashMap<>();
    private final Map<AppRef, MeterApp> appsByAppId = new HashMap<>();

    private MeterImage(MeterSnapshot snapshot) {
        this.snapshot = snapshot;
        for (MeterTenant t : snapshot.tenants()) {
            tenants.put(t.id(), t);
            tenantsByKeyDigest.put(t.providerKeyDigest(), t);
        }
        for (MeterService s : snapshot.services()) {
            services.put(s.id(), new ServiceView(s));
        }
        for (MeterPlan p : snapshot.plans()) {
            plans.put(p.id(), p);
        }
        for (MeterApp a : snapshot.apps()) {
            apps.put(a.id(), a);
            if (a.userKey() != null) {
                appsByUserKey.put(new AppRef(a.serviceId(), a.userKey()), a);
            }
            if (a.appId() != null) {
                appsByAppId.put(new AppRef(a.serviceId(), a.appId()), a);
            }
        }
    }

    /** Indexes {@code snapshot}. */
    public static MeterImage of(MeterSnapshot snapshot) {
        return new MeterImage(requireNonNull(snapshot, "snapshot"));
    }

    /** An image with nothing in it. */
    public static MeterImage empty() {
        return of(MeterSnapshot.empty());
    }

    /** The snapshot this image indexes. */
    public MeterSnapshot snapshot() {
        return snapshot;
    }

    /** The snapshot's version. */
    public long version() {
        return snapshot.version();
    }

    /** The tenant whose provider key has this SHA-256 digest. */
    public Optional<MeterTenant> tenantByProviderKeyDigest(String digest) {
        return Optional.ofNullable(tenantsByKeyDigest.get(digest));
    }

    /** A tenant by id. */
    public Optional<MeterTenant> tenant(long id) {
        return Optional.ofNullable(tenants.get(id));
    }

    /** A service by id, with its metric indexes. */
    public Optional<ServiceView> service(long id) {
        return Optional.ofNullable(services.get(id));
    }

    /** A plan by id. */
    public Optional<MeterPlan> plan(long id) {
        return Optional.ofNullable(plans.get(id));
    }

    /** An application by database id. */
    public Optional<MeterApp> app(long id) {
        return Optional.ofNullable(apps.get(id));
    }

    /** The application of {@code serviceId} with this user key. */
    public Optional<MeterApp> appByUserKey(long serviceId, String userKey) {
        return Optional.ofNullable(appsByUserKey.get(new AppRef(serviceId, userKey)));
    }

    /** The application of {@code serviceId} with this app id (client id). */
    public Optional<MeterApp> appByAppId(long serviceId, String appId) {
        return Optional.ofNullable(appsByAppId.get(new AppRef(serviceId, appId)));
    }

    private record AppRef(long serviceId, String credential) {
    }

    /** A service with its metrics indexed by name and id, and each metric's children. */
    public static final class ServiceView {
        private final MeterService service;
        private final Map<String, MeterMetric> byName = new HashMap<>();
        private final Map<Long, MeterMetric> byId = new HashMap<>();
        private final Map<Long, List<MeterMetric>> children = new HashMap<>();

        ServiceView(MeterService service) {
            this.service = service;
            for (MeterMetric m : service.metrics()) {
                byName.put(m.name(), m);
                byId.put(m.id(), m);
            }
            for (MeterMetric m : service.metrics()) {
                if (m.parentId() != 0 && byId.containsKey(m.parentId())) {
                    children.computeIfAbsent(m.parentId(), k -> new ArrayList<>()).add(m);
                }
            }
        }

        /** The service. */
        public MeterService service() {
            return service;
        }

        /** A metric by the name callers use. */
        public Optional<MeterMetric> metric(String name) {
            return Optional.ofNullable(byName.get(name));
        }

        /** A metric by id. */
        public Optional<MeterMetric> metric(long id) {
            return Optional.ofNullable(byId.get(id));
        }

        /** The parent of {@code metric} in this service, if any. */
        public Optional<MeterMetric> parent(MeterMetric metric) {
            return metric.parentId() == 0 ? Optional.empty() : Optional.ofNullable(byId.get(metric.parentId()));
        }

        /** The direct children of {@code metric}, in snapshot order. */
        public List<MeterMetric> children(MeterMetric metric) {
            return children.getOrDefault(metric.id(), List.of());
        }

        /** Every metric with at least one child, in snapshot order. */
        public List<MeterMetric> parents() {
            return service.metrics().stream().filter(m -> children.containsKey(m.id())).toList();
        }
    }
}
