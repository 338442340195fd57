package io.tollgate.store;

import io.tollgate.model.Feature;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The features application plans offer. */
@RegisterRowMapper(FeatureDao.Mapper.class)
public interface PlanFeatureDao {

    @SqlUpdate("""
            INSERT INTO plan_features (account_id, plan_id, feature_id, created_at)
            VALUES (:accountId, :planId, :featureId, :now)
            """)
    int insert(@Bind("accountId") long accountId, @Bind("planId") long planId, @Bind("featureId") long featureId,
            @Bind("now") Instant now);

    @SqlQuery("""
            SELECT f.* FROM features f JOIN plan_features pf ON pf.feature_id = f.id
            WHERE pf.plan_id = :planId ORDER BY f.id
            """)
    List<Feature> list(@Bind("planId") long planId);

    @SqlQuery("""
            SELECT f.* FROM features f JOIN plan_features pf ON pf.feature_id = f.id
            WHERE pf.plan_id = :planId AND f.id = :featureId
            """)
    Optional<Feature> find(@Bind("planId") long planId, @Bind("featureId") long featureId);

    @SqlUpdate("DELETE FROM plan_features WHERE plan_id = :planId AND feature_id = :featureId")
    int delete(@Bind("planId") long planId, @Bind("featureId") long featureId);
}
