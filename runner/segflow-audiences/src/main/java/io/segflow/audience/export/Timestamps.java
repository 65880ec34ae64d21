package io.segflow.audience.export;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Timestamps read back from the store (written in UTC without a zone) as instants, whatever class the driver gives. */
final class Timestamps {
    private Timestamps() {
    }

    static Instant instant(Object v) {
        if (v instanceof Instant i) return i;
        if (v instanceof LocalDateTime t) return t.toInstant(ZoneOffset.UTC);
        if (v instanceof OffsetDateTime t) return t.toInstant();
        if (v instanceof java.sql.Timestamp t) return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        return LocalDateTime.parse(String.valueOf(v).replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }
}
