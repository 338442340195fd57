package io.tollgate.server.gateway;

import static java.util.Objects.requireNonNull;

import io.tollgate.common.ErrorCode;
import io.tollgate.common.Errors;
import io.tollgate.common.Passwords;
import io.tollgate.common.Secrets;
import io.tollgate.common.TollgateException;
import io.tollgate.common.ValidationException;
import io.tollgate.model.Account;
import io.tollgate.model.AccountKind;
import io.tollgate.server.gateway.CertificateAuthority.CertificateRequest;
import io.tollgate.store.AccountDao;
import io.tollgate.store.Database;
import io.tollgate.store.GatewayDao;
import io.tollgate.store.GatewayDao.Gateway;
import io.tollgate.store.GatewayTokenDao;
import io.tollgate.store.GatewayTrafficDao;
import io.tollgate.store.UserDao;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway fleet of every tenant: one-time registration tokens, registration and renewal (both
 * answer with a certificate the CA issues over the caller's CSR), the registry with its
 * Connected/Disconnected status, and the heartbeat of gateways authenticated by their certificate.
 */
public final class GatewayRegistry {
    /** SPEC G2: the reasons of a refused registration, word for word. */
    public static final String DUPLICATE_NAME =
            "an active target with the same name already exists in this organization and environment";
    public static final String NO_VALID_TOKEN = "no valid registration token was found";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayRegistry.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Set<String> INACTIVE_ACCOUNT_STATES = Set.of("suspended", "scheduled_for_deletion");

    private final Database database;
    private final Clock clock;
    private final GatewaySettings settings;
    private final GatewayFleet fleet;
    private final ConnectedApps connectedApps;

    public GatewayRegistry(Database database, Clock clock, GatewaySettings settings, GatewayFleet fleet) {
        this.database = requireNonNull(database, "database");
        this.clock = requireNonNull(clock, "clock");
        this.settings = requireNonNull(settings, "settings");
        this.fleet = requireNonNull(fleet, "fleet");
        this.connectedApps = new ConnectedApps(database, clock);
    }

    /** A minted token: the token itself exists only in this answer. */
    public record MintedToken(String token, long organization, String environment, Instant expiresAt) {
        @Override
        public String toString() {
            return "MintedToken[token=***, organization=" + organization + ", environment=" + environment
                    + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** What registration and renewal answer. */
    public record Issued(Gateway gateway, String certificatePem, String caBundlePem, Instant expiresAt) {
    }

    /** A registry entry with its status at the time of listing. */
    public record Entry(Gateway gateway, boolean online) {
        public String status() {
            return online ? "Connected" : "Disconnected";
        }
    }

    /** Credentials of a renewal: username/password of an admin user, or a connected app's id/secret. */
    public record RenewalCredentials(String username, String password, String clientId, String clientSecret) {
        @Override
        public String toString() {
            return "RenewalCredentials[" + (username != null ? "user=" + username : "clientId=" + clientId) + "]";
        }
    }

    public MintedToken mintToken(long accountId, Long userId, String environment) {
        String env = environment(environment == null || environment.isBlank() ? "production" : environment);
        String token = Secrets.newToken();
        Instant now = clock.instant();
        Instant expires = now.plus(settings.tokenTtl());
        database.write(h -> h.attach(GatewayTokenDao.class).insert(accountId, env, Secrets.sha256(token), userId,
                expires, now));
        return new MintedToken(token, accountId, env, expires);
    }

    /**
     * Registers gateway {@code name} with a one-time token and issues its first certificate. The token
     * is spent in the same transaction that creates the gateway: a refused registration leaves it
     * unspent, a successful one can never be repeated with it.
     *
     * @throws TollgateException {@link ErrorCode#REGISTRATION_REJECTED} with {@link #NO_VALID_TOKEN}
     *     (unknown, spent or expired token, or one of another organization) or {@link #DUPLICATE_NAME}
     */
    public Issued register(String organization, String token, String name, boolean connected, String csrPem) {
        Errors errors = new Errors();
        checkName(name, errors);
        if (token == null || token.isBlank()) {
            errors.add("token", "can't be blank");
        }
        CertificateRequest csr = csr(csrPem, errors);
        errors.throwIfAny();
        long org = organizationId(organization).orElseThrow(() -> rejected(NO_VALID_TOKEN));
        CertificateAuthority ca = fleet.certificateAuthority();
        try {
            Issued issued = database.write(h -> {
                Instant now = clock.instant();
                GatewayTokenDao tokens = h.attach(GatewayTokenDao.class);
                GatewayTokenDao.RegistrationToken found = tokens.findByHash(Secrets.sha256(token))
                        .filter(t -> t.accountId() == org && t.usedAt() == null && t.expiresAt().isAfter(now))
                        .orElseThrow(() -> rejected(NO_VALID_TOKEN));
                activeTenant(h, org).orElseThrow(() -> rejected(NO_VALID_TOKEN));
                GatewayDao gateways = h.attach(GatewayDao.class);
                if (gateways.findByName(org, found.environment(), name).isPresent()) {
                    throw rejected(DUPLICATE_NAME);
                }
                if (tokens.spend(found.id(), now) == 0) {
                    throw rejected(NO_VALID_TOKEN);
                }
                long id = gateways.insert(org, found.environment(), name, connected, now);
                Issued done = issue(h, ca, id, csr, now);
                audit(h, done, found.createdBy(), "create", "", 201, now,
                        Map.of("name", name, "environment", found.environment(), "connected", connected));
                return done;
            });
            LOG.info("Gateway '{}' (id {}) registered in organization {} ({})", name, issued.gateway().id(), org,
                    issued.gateway().environment());
            return issued;
        } catch (RuntimeException e) {
            if (Database.violatedUniqueIndex(e).filter("ux_gateways_name"::equals).isPresent()) {
                throw rejected(DUPLICATE_NAME);
            }
            throw e;
        }
    }

    /**
     * Issues a new certificate to the registered, not deleted gateway {@code name}; the old one may
     * have expired. The caller proves itself with an admin user's password or a connected app that
     * has every scope of {@link ConnectedApps#RENEWAL}, of the same organization.
     */
    public Issued renew(String organization, String environment, String name, RenewalCredentials credentials,
            String csrPem) {
        Errors errors = new Errors();
        if (name == null || name.isBlank()) {
            errors.add("name", "can't be blank");
        }
        CertificateRequest csr = csr(csrPem, errors);
        errors.throwIfAny();
        String env = environment(environment);
        OptionalLong org = organizationId(organization);
        Renewer renewer = authenticate(org, credentials);
        CertificateAuthority ca = fleet.certificateAuthority();
        Issued issued = database.write(h -> {
            Gateway gateway = h.attach(GatewayDao.class).findByName(org.getAsLong(), env, name)
                    .filter(g -> !g.deleted())
                    .orElseThrow(() -> rejected("no registered gateway named '" + name
                            + "' was found in this organization and environment"));
            Instant now = clock.instant();
            Issued done = issue(h, ca, gateway.id(), csr, now);
            audit(h, done, renewer.userId(), "update", "/renew", 200, now, renewer.clientId() == null
                    ? Map.of("name", name, "environment", env)
                    : Map.of("name", name, "environment", env, "connected_app", renewer.clientId()));
            return done;
        });
        LOG.info("Gateway '{}' (id {}) renewed its certificate in organization {} ({})", name,
                issued.gateway().id(), org.getAsLong(), env);
        return issued;
    }

    /** Who renewed: an admin user, or a connected app (its client id). */
    private record Renewer(Long userId, String clientId) {
    }

    /**
     * The audit row of a registration or renewal, in its transaction (these routes have no access token,
     * so the admin API's audit trail does not see them): who (the admin who minted the token, the user
     * who renewed, or the connected app), which gateway, the new certificate's serial and expiry.
     */
    private static void audit(Handle h, Issued issued, Long userId, String action, String suffix, int status,
            Instant now, Map<String, Object> fields) {
        Gateway g = issued.gateway();
        java.util.Map<String, Object> changes = new java.util.TreeMap<>(fields);
        changes.put("certificate_serial", g.certificateSerial());
        changes.put("certificate_expires_at", issued.expiresAt().toString());
        h.attach(io.tollgate.store.AuditDao.class).insert(g.accountId(), userId, action, "POST",
                "/admin/api/gateway/registrations" + suffix, "gateway/registrations" + suffix, g.id(), status,
                io.tollgate.model.Json.write(changes), now);
    }

    private Renewer authenticate(OptionalLong org, RenewalCredentials credentials) {
        boolean user = credentials.username() != null && !credentials.username().isBlank();
        boolean app = credentials.clientId() != null && !credentials.clientId().isBlank();
        if (user == app) {
            throw ValidationException.of("credentials",
                    "give either username and password, or client_id and client_secret");
        }
        if (org.isEmpty()) {
            throw new TollgateException(ErrorCode.INVALID_CREDENTIALS, user ? "username or password is wrong"
                    : "client id or client secret is wrong");
        }
        if (app) {
            connectedApps.authenticate(org.getAsLong(), credentials.clientId(),
                    credentials.clientSecret() == null ? "" : credentials.clientSecret(), ConnectedApps.RENEWAL);
            return new Renewer(null, credentials.clientId());
        }
        Optional<Long> valid = database.read(h -> activeTenant(h, org.getAsLong())
                .flatMap(a -> h.attach(UserDao.class).findByUsername(a.id(), credentials.username()))
                .filter(u -> "active".equals(u.state()) && "admin".equals(u.role()))
                .filter(u -> h.attach(UserDao.class).passwordHash(u.id())
                        .map(hash -> credentials.password() != null && Passwords.matches(credentials.password(), hash))
                        .orElse(false))
                .map(u -> u.id()));
        if (valid.isEmpty()) {
            throw new TollgateException(ErrorCode.INVALID_CREDENTIALS, "username or password is wrong");
        }
        return new Renewer(valid.get(), null);
    }

    private Issued issue(Handle h, CertificateAuthority ca, long gatewayId, CertificateRequest csr, Instant now) {
        GatewayDao gateways = h.attach(GatewayDao.class);
        Gateway gateway = gateways.findById(gatewayId).orElseThrow();
        X509Certificate certificate = ca.issueClient(csr, gatewayId, gateway.name(), String.valueOf(gateway.accountId()),
                gateway.environment(), settings.certificateTtl());
        Instant expires = certificate.getNotAfter().toInstant();
        gateways.certificateIssued(gatewayId, certificate.getSerialNumber().toString(16), expires, now);
        return new Issued(gateways.findById(gatewayId).orElseThrow(), CertificateAuthority.pem(certificate),
                ca.certificatePem(), expires);
    }

    /** The tenant's gateways that are not deleted, optionally of one environment, with their status now. */
    public List<Entry> list(long accountId, Optional<String> environment) {
        List<Gateway> gateways = database.read(h -> environment.isPresent()
                ? h.attach(GatewayDao.class).list(accountId, environment(environment.get()))
                : h.attach(GatewayDao.class).list(accountId));
        Instant now = clock.instant();
        return gateways.stream().map(g -> entry(g, now)).toList();
    }

    public Entry find(long accountId, long id) {
        Gateway gateway = database.read(h -> h.attach(GatewayDao.class).find(accountId, id))
                .orElseThrow(TollgateException::notFound);
        return entry(gateway, clock.instant());
    }

    /** Deletes the gateway: its certificates are refused from now on, its name stays taken. */
    public void delete(long accountId, long id) {
        if (database.write(h -> h.attach(GatewayDao.class).delete(accountId, id, clock.instant())) == 0) {
            throw TollgateException.notFound();
        }
    }

    /**
     * The gateway a client certificate (already chain-checked by the TLS handshake) belongs to.
     *
     * @throws TollgateException {@link ErrorCode#CERTIFICATE_REFUSED} when it names no gateway, a
     *     deleted one, or is outside its validity at this control plane's clock
     */
    public Gateway authenticate(X509Certificate certificate) {
        try {
            certificate.checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new TollgateException(ErrorCode.CERTIFICATE_REFUSED, "outside its validity period");
        }
        long id = GatewayIdentity.of(certificate).orElseThrow(() -> new TollgateException(
                ErrorCode.CERTIFICATE_REFUSED, "it names no gateway"));
        return database.read(h -> h.attach(GatewayDao.class).findById(id)).filter(g -> !g.deleted())
                .orElseThrow(() -> new TollgateException(ErrorCode.CERTIFICATE_REFUSED,
                        "its gateway is not registered or was deleted"));
    }

    /** Records a heartbeat of the authenticated gateway; returns its entry (now Connected). */
    public Entry heartbeat(Gateway gateway, String version) {
        String v = version == null || version.isBlank() ? null
                : version.length() > 255 ? version.substring(0, 255) : version;
        Instant now = clock.instant();
        if (database.write(h -> h.attach(GatewayDao.class).heartbeat(gateway.id(), v, now)) == 0) {
            throw new TollgateException(ErrorCode.CERTIFICATE_REFUSED, "its gateway is not registered or was deleted");
        }
        return entry(database.read(h -> h.attach(GatewayDao.class).findById(gateway.id())).orElseThrow(), now);
    }

    /**
     * Adds what a heartbeat reports of the gateway's traffic to the hour it arrives in. Products not of
     * the gateway's tenant are left out (a gateway speaks only for its own tenant's products); local-mode
     * instances (service id 0) are the gateway's own.
     *
     * @return how many of {@code parts} were recorded
     */
    public int recordTraffic(Gateway gateway, List<GatewayTrafficDao.Hour> parts) {
        if (parts.isEmpty()) {
            return 0;
        }
        Instant hour = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        java.util.Set<Long> ids = new java.util.TreeSet<>();
        parts.stream().filter(p -> p.serviceId() > 0).forEach(p -> ids.add(p.serviceId()));
        for (int attempt = 1; ; attempt++) {
            try {
                return database.write(h -> {
                    GatewayTrafficDao dao = h.attach(GatewayTrafficDao.class);
                    java.util.Set<Long> own = ids.isEmpty() ? java.util.Set.of()
                            : new java.util.HashSet<>(dao.ownProducts(gateway.accountId(), ids));
                    int recorded = 0;
                    for (GatewayTrafficDao.Hour p : parts) {
                        if (p.serviceId() > 0 && !own.contains(p.serviceId())) {
                            continue;
                        }
                        GatewayTrafficDao.Hour row = new GatewayTrafficDao.Hour(gateway.id(), p.serviceId(),
                                p.apiName(), p.environment(), hour, p.requests(), p.status1xx(), p.status2xx(), p.status3xx(),
                                p.status4xx(), p.status5xx());
                        if (dao.add(row) == 0) {
                            dao.insert(gateway.accountId(), row);
                        }
                        recorded++;
                    }
                    return recorded;
                });
            } catch (RuntimeException e) {
                // Two replicas of one gateway creating the same hour's row: the second adds to it.
                if (attempt >= 3 || Database.violatedUniqueIndex(e).isEmpty()) {
                    throw e;
                }
            }
        }
    }

    /** A traffic query's range and the hours in it. */
    public record Traffic(Instant since, Instant until, List<GatewayTrafficDao.Hour> hours) {
    }

    /**
     * The gateway's reported traffic by hour, from the hour of {@code since} (inclusive; default 24 hours
     * ago) to {@code until} (exclusive; default now), on this registry's clock.
     */
    public Traffic traffic(long accountId, long gatewayId, Optional<Instant> since, Optional<Instant> until) {
        find(accountId, gatewayId);
        Instant now = clock.instant();
        Instant from = since.orElse(now.minus(java.time.Duration.ofHours(24)));
        Instant to = until.orElse(now.plusSeconds(1));
        if (to.isBefore(from)) {
            throw ValidationException.of("until", "must not be before since");
        }
        return new Traffic(from, to, database.read(h -> h.attach(GatewayTrafficDao.class).list(accountId, gatewayId,
                from.truncatedTo(java.time.temporal.ChronoUnit.HOURS), to)));
    }

    public ConnectedApps connectedApps() {
        return connectedApps;
    }

    /** Connected while the last heartbeat is at most the window old (at millisecond precision, as stored). */
    private Entry entry(Gateway gateway, Instant clockNow) {
        Instant now = clockNow.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        boolean online = gateway.lastSeenAt() != null
                && !gateway.lastSeenAt().plus(settings.heartbeatWindow()).isBefore(now);
        return new Entry(gateway, online);
    }

    /** {@code production}, or {@code staging} (alias {@code sandbox}). */
    public static String environment(String name) {
        if (name != null) {
            switch (name.trim()) {
                case "production":
                    return "production";
                case "staging", "sandbox":
                    return "staging";
                default:
                    break;
            }
        }
        throw ValidationException.of("environment", "'" + name + "' is not an environment (expected: production or staging)");
    }

    private static void checkName(String name, Errors errors) {
        if (name == null || name.isBlank()) {
            errors.add("name", "can't be blank");
        } else if (!NAME.matcher(name).matches()) {
            errors.add("name", "'" + name + "' is invalid (expected: 1-63 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit)");
        }
    }

    private static CertificateRequest csr(String pem, Errors errors) {
        if (pem == null || pem.isBlank()) {
            errors.add("csr", "can't be blank");
            return null;
        }
        try {
            return CertificateRequest.parse(pem);
        } catch (IllegalArgumentException e) {
            errors.add("csr", e.getMessage());
            return null;
        }
    }

    private static OptionalLong organizationId(String organization) {
        String o = organization == null ? "" : organization.trim();
        if (o.isEmpty() || o.length() > 18 || !o.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(o));
    }

    private static Optional<Account> activeTenant(Handle h, long accountId) {
        return h.attach(AccountDao.class).find(accountId).filter(a -> a.kind() == AccountKind.PROVIDER)
                .filter(a -> !INACTIVE_ACCOUNT_STATES.contains(a.state()));
    }

    private static TollgateException rejected(String reason) {
        return new TollgateException(ErrorCode.REGISTRATION_REJECTED, reason);
    }
}
