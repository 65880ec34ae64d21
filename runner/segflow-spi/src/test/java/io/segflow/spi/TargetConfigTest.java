package io.segflow.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetConfigTest {
    @Test
    void toStringNeverShowsSecrets() {
        TargetConfig c = new TargetConfig("prod", "snowflake", Map.of("account", "acme", "password", "hunter2",
                "private_key_passphrase", "s3cr3t-pp", "oauth_token", "s3cr3t-tok", "user", "etl"), Path.of("."));
        String s = c.toString();
        assertTrue(s.contains("account=acme") && s.contains("user=etl"), s);
        for (String secret : new String[] {"hunter2", "s3cr3t"}) assertFalse(s.contains(secret), s);
    }

    @Test
    void typedAccessorsAndDefaults() {
        TargetConfig c = new TargetConfig("dev", "duckdb", Map.of("threads", "4", "path", "x.duckdb"), Path.of("."));
        assertEquals(4, c.integer("threads", 1));
        assertEquals(1, c.integer("missing", 1));
        assertEquals("x.duckdb", c.string("path", null));
        assertEquals("d", c.string("missing", "d"));
    }

    @Test
    void relationNamesNeedSchemaAndName() {
        assertEquals("raw.orders", RelationName.of("raw", "orders").toString());
        assertEquals("db.raw.orders_new", new RelationName("db", "raw", "orders").withName("orders_new").toString());
        assertThrows(NullPointerException.class, () -> RelationName.of(null, "x"));
    }
}
