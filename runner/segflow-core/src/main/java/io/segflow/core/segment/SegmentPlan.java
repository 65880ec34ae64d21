package io.segflow.core.segment;

import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlNode;

/**
 * What a {@link SegmentType} produces for one definition.
 *
 * @param dependsOn       DAG ids read (feature.x / source.a.b)
 * @param population      relation holding every entity (for {@code exhaustive}, shares and profiles)
 * @param populationKey   entity key column of {@code population}
 * @param membershipSql   neutral (Calcite) SQL with entity_id, segment, score, explanation; null when
 *                        {@code runtime} supplies it
 * @param runtime         run-time step producing the membership query, or null
 * @param segmentNames    declared group names in definition order (may be empty for model types)
 * @param multiMembership an entity may belong to several groups
 * @param profileSql      neutral SQL with entity_id and numeric columns to profile groups by, or null
 * @param definition      canonical text of the definition, hashed into the audit table
 * @param profileColumns  the row type of {@code profileSql} when the type builds it from columns of
 *                        {@code population} whose types it already knows (selected and cast, nothing else): compile
 *                        then parses it without validating it; null: compile validates it
 * @param membershipWrapsInner {@code membershipSql} is {@code select "entity_id", <name>, "score", <explanation>
 *                        from (<inner select>) as "r" where ...}: everything the definition wrote is in the inner
 *                        select, which yields "entity_id" and "score", and the outer select only maps the inner
 *                        columns to literal group names and explanations (nullable VARCHARs). Compile then validates
 *                        the inner select alone, within the whole text; false: compile validates the whole query
 * @param trees           the parse trees of {@code membershipSql} and {@code profileSql} when the type built them
 *                        instead ({@link io.segflow.core.sql.GeneratedTrees}); compile parses the text of a query
 *                        whose tree is null
 */
public record SegmentPlan(Set<String> dependsOn, RelationName population, String populationKey, String membershipSql,
                          RuntimeStep runtime, List<String> segmentNames, boolean multiMembership, String profileSql,
                          String definition, List<ColumnDef> profileColumns, boolean membershipWrapsInner,
                          Trees trees) {
    public SegmentPlan {
        dependsOn = Set.copyOf(dependsOn);
        segmentNames = List.copyOf(segmentNames);
        profileColumns = profileColumns == null ? null : List.copyOf(profileColumns);
        trees = trees == null ? Trees.NONE : trees;
        if ((membershipSql == null) == (runtime == null)) {
            throw new IllegalArgumentException("a segment plan needs exactly one of membershipSql and runtime");
        }
        if (profileColumns != null && (profileSql == null || population == null)) {
            throw new IllegalArgumentException("profile columns need a profile query over the population");
        }
        if (membershipWrapsInner && membershipSql == null) {
            throw new IllegalArgumentException("only a membership query can wrap an inner select");
        }
        if (trees.membership() != null && membershipSql == null || trees.profile() != null && profileSql == null) {
            throw new IllegalArgumentException("a tree needs the text it is the tree of");
        }
    }

    /** A plan whose queries compile parses from their text. */
    public SegmentPlan(Set<String> dependsOn, RelationName population, String populationKey, String membershipSql,
                       RuntimeStep runtime, List<String> segmentNames, boolean multiMembership, String profileSql,
                       String definition, List<ColumnDef> profileColumns, boolean membershipWrapsInner) {
        this(dependsOn, population, populationKey, membershipSql, runtime, segmentNames, multiMembership, profileSql,
                definition, profileColumns, membershipWrapsInner, Trees.NONE);
    }

    /** A plan whose membership and profile queries, if any, compile validates whole. */
    public SegmentPlan(Set<String> dependsOn, RelationName population, String populationKey, String membershipSql,
                       RuntimeStep runtime, List<String> segmentNames, boolean multiMembership, String profileSql,
                       String definition) {
        this(dependsOn, population, populationKey, membershipSql, runtime, segmentNames, multiMembership, profileSql,
                definition, null, false);
    }

    /**
     * Trees a segment type built for its queries, each exactly what parsing the query's text gives (null where it
     * did not build one). Validation works on copies: these stay pristine for every dialect's SQL.
     */
    public record Trees(SqlNode membership, SqlNode profile) {
        public static final Trees NONE = new Trees(null, null);
    }
}
