package io.tollgate.server.domain;

import io.tollgate.common.Secrets;
import io.tollgate.common.TollgateException;
import io.tollgate.common.ValidationException;
import io.tollgate.store.Database;
import io.tollgate.store.ServiceTokenDao;
import io.tollgate.store.ServiceTokenDao.ServiceToken;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service tokens of products (a Tollgate extension of the 3scale admin API; 3scale shows them in
 * its UI only). Every product has at least one: one is issued when the product is created, products
 * from before service tokens get one at server start, and the last one cannot be deleted. A
 * gateway sends a token of the product to the meter; the proxy configuration carries the oldest.
 */
public final class ServiceTokenService {
    static final String LAST_TOKEN = "cannot delete the last service token of a product; create another one first";
    private static final Logger LOG = LoggerFactory.getLogger(ServiceTokenService.class);

    private final Database database;
    private final Clock clock;

    public ServiceTokenService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The product's tokens, oldest first. */
    public List<ServiceToken> list(long accountId, long productId) {
        return database.read(h -> {
            Ownership.product(h, accountId, productId);
            return h.attach(ServiceTokenDao.class).listByProduct(productId);
        });
    }

    /** One token of the product; 404 when it has no such token. */
    public ServiceToken find(long accountId, long productId, long tokenId) {
        return database.read(h -> {
            Ownership.product(h, accountId, productId);
            return h.attach(ServiceTokenDao.class).find(productId, tokenId).orElseThrow(TollgateException::notFound);
        });
    }

    /** Issues one more token for the product. */
    public ServiceToken create(long accountId, long productId) {
        return database.write(h -> {
            Ownership.product(h, accountId, productId);
            ServiceTokenDao tokens = h.attach(ServiceTokenDao.class);
            return tokens.find(productId, issue(h, productId, clock.instant())).orElseThrow();
        });
    }

    /** Deletes a token; 404 when the product has no such token, 422 on base when it is the last one. */
    public void delete(long accountId, long productId, long tokenId) {
        database.write(h -> {
            Ownership.product(h, accountId, productId);
            ServiceTokenDao tokens = h.attach(ServiceTokenDao.class);
            // Two concurrent deletes of a product's last two tokens must not both pass the count.
            tokens.lockProduct(productId);
            tokens.find(productId, tokenId).orElseThrow(TollgateException::notFound);
            if (tokens.count(productId) <= 1) {
                throw ValidationException.of("base", LAST_TOKEN);
            }
            return tokens.delete(tokenId);
        });
    }

    /** Gives every product without a service token (created before they existed) one; returns how many. */
    public int issueMissing() {
        int issued = database.write(h -> {
            Instant now = clock.instant();
            List<Long> products = h.attach(ServiceTokenDao.class).productsWithoutToken();
            products.forEach(productId -> issue(h, productId, now));
            return products.size();
        });
        if (issued > 0) {
            LOG.info("Issued a service token to {} product(s) that had none", issued);
        }
        return issued;
    }

    /** Inserts a new random token for the product inside the caller's transaction; returns its id. */
    static long issue(Handle h, long productId, Instant now) {
        return h.attach(ServiceTokenDao.class).insert(productId, Secrets.newToken(), now);
    }
}
