package io.segflow.core.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class StrftimeFormatTest {
    @Test
    void readsTheDirectivesDatesAndTimestampsAreWrittenWith() {
        assertEquals(LocalDate.of(1997, 1, 1), StrftimeFormat.compile("%Y%m%d").parseDate("19970101"));
        assertEquals(LocalDate.of(1969, 2, 1), StrftimeFormat.compile("%y%j").parseDate("69032"));
        assertEquals(LocalDate.of(2068, 12, 31), StrftimeFormat.compile("%d.%m.%y").parseDate("31.12.68"));
        assertEquals(LocalDate.of(2010, 12, 1), StrftimeFormat.compile("%b %d %Y").parseDate("dec 01 2010"));
        assertEquals(LocalDate.of(2010, 9, 1), StrftimeFormat.compile("%B %d, %Y").parseDate("September 01, 2010"));
        assertEquals(LocalDateTime.of(2010, 12, 1, 20, 26, 5, 120_000_000),
                StrftimeFormat.compile("%I:%M:%S.%f %p %F").parseTimestamp("08:26:05.12 PM 2010-12-01"));
        assertEquals(LocalDateTime.of(2024, 2, 29, 23, 59, 59), StrftimeFormat.compile("%F %T").parseTimestamp("2024-02-29 23:59:59"));
        assertEquals(LocalDateTime.of(1997, 1, 2, 0, 0), StrftimeFormat.compile("%Y%m%d").parseTimestamp("19970102"));
        assertEquals(LocalDate.of(2024, 1, 5), StrftimeFormat.compile("%Y%%%m%%%d").parseDate("2024%01%05"));
        assertTrue(StrftimeFormat.compile("%Y-%m-%d %H:%M").hasTime());
        assertFalse(StrftimeFormat.compile("%d/%m/%Y").hasTime());
    }

    @Test
    void impossibleDatesAndOtherShapesAreRefused() {
        StrftimeFormat f = StrftimeFormat.compile("%Y%m%d");
        for (String bad : new String[] {"19970230", "1997011", "199701011", "1997-01-01", "2023022 9"}) {
            assertThrows(DateTimeParseException.class, () -> f.parseDate(bad), bad);
        }
        assertThrows(DateTimeParseException.class, () -> StrftimeFormat.compile("%F %T").parseTimestamp("2024-01-01 24:00:00"));
    }

    @Test
    void unsupportedOrIncompleteFormatsAreRefusedWhenCompiled() {
        for (String bad : new String[] {"%Q", "%Y%m", "%H:%M", "%Y%m%d %", "%I:%M %F", "%Y-%m-%d %p", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StrftimeFormat.compile(bad), bad);
            assertTrue(e.getMessage().startsWith("'" + bad + "'"), e.getMessage());
        }
    }
}
