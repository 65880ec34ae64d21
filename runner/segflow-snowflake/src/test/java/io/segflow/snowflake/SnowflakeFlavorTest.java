package io.segflow.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segflow.spi.sql.SqlFlavor;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Snowflake's flavor: the spellings the engine asks for, and names as its catalog reports them. (The compiled
 * statements themselves are proven by the dialect goldens and their DuckDB runs in segflow-cli.)
 */
class SnowflakeFlavorTest {
    private final SqlFlavor f = SnowflakeFlavor.INSTANCE;

    @Test
    void catalogNamesFoldBackToTheSpellingUsersWrite() {
        assertEquals("customer_id", f.catalogName("CUSTOMER_ID"));
        assertEquals("MixedCase", f.catalogName("MixedCase"));
        assertEquals("lower", f.catalogName("lower"));
    }

    @Test
    void quotingFollowsSnowflakesUnquotedNameRule() {
        assertEquals("customer_id", f.quote("customer_id"));
        assertEquals("\"select\"", f.quote("select"));
        assertEquals("\"a b\"", f.quote("a b"));
        assertEquals(new SnowflakeAdapterFactory().flavor(), f);
    }

    @Test
    void storeAndPullFragments() {
        assertEquals("'it''s a \\\\d'", f.stringLiteral("it's a \\d"));
        assertEquals("cast('2024-12-31 06:00:00.000000' as timestamp_ntz)",
                f.timestampLiteral(Instant.parse("2024-12-31T06:00:00Z")));
        assertEquals("cast(null as timestamp_ntz)", f.membershipUpdatedAtTemplate());
        assertEquals("HASH(TO_VARCHAR(k) || ':7')", f.seededHash("k", 7));
        assertEquals("DATEDIFF('day', a, b)", f.daysBetween("a", "b"));
        assertEquals("NULLIF(x, 'NaN'::FLOAT)", f.nanToNull("x"));
    }
}
