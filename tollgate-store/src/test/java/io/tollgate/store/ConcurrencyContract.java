package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.model.Product;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Concurrent writers: two inserts of the same system name racing on separate connections let
 * exactly one win, and the loser fails on the named unique index.
 */
interface ConcurrencyContract extends StoreContractSupport {
    @Test
    default void concurrentInsertsOfTheSameSystemNameLetExactlyOneWin() throws Exception {
        long accountId = database().write(StoreFixtures::tenant);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String systemName = "race_" + round;
                CountDownLatch start = new CountDownLatch(1);
                Callable<Long> insert = () -> {
                    start.await();
                    return database().write(h -> StoreFixtures.product(h, accountId, systemName));
                };
                List<Future<Long>> futures = List.of(pool.submit(insert), pool.submit(insert));
                start.countDown();

                List<Long> winners = new ArrayList<>();
                List<Throwable> losers = new ArrayList<>();
                for (Future<Long> future : futures) {
                    try {
                        winners.add(future.get(30, TimeUnit.SECONDS));
                    } catch (java.util.concurrent.ExecutionException e) {
                        losers.add(e.getCause());
                    }
                }
                assertThat(winners).as("round %d", round).hasSize(1);
                assertThat(losers).singleElement().satisfies(failure -> assertThat(Database.violatedUniqueIndex(failure))
                        .as(String.valueOf(failure)).contains("ux_services_system_name"));
                assertThat(find(database(), h -> h.attach(ProductDao.class).findBySystemName(accountId, systemName)))
                        .map(Product::id).isEqualTo(Optional.of(winners.get(0)));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(list(database(), h -> h.attach(ProductDao.class).list(accountId, 100, 0))).hasSize(10);
    }
}
