package io.tollgate.server.domain;

import io.tollgate.common.TollgateException;
import io.tollgate.model.BackendApi;
import io.tollgate.model.Owner;
import io.tollgate.model.Product;
import io.tollgate.store.BackendApiDao;
import io.tollgate.store.ProductDao;
import org.jdbi.v3.core.Handle;

/**
 * Loads the tenant's product or backend named in a path, or fails with 404. Every lookup is
 * scoped by tenant, so another tenant's id is indistinguishable from an unknown one.
 */
public final class Ownership {
    private Ownership() {
    }

    public static Product product(Handle handle, long accountId, long productId) {
        return handle.attach(ProductDao.class).find(accountId, productId).orElseThrow(TollgateException::notFound);
    }

    public static BackendApi backend(Handle handle, long accountId, long backendId) {
        return handle.attach(BackendApiDao.class).find(accountId, backendId).orElseThrow(TollgateException::notFound);
    }

    /** Checks that the owner belongs to the tenant. */
    public static void check(Handle handle, long accountId, Owner owner) {
        if (owner.type() == Owner.Type.PRODUCT) {
            product(handle, accountId, owner.id());
        } else {
            backend(handle, accountId, owner.id());
        }
    }
}
