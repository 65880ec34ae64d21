package io.segflow.core.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.project.Seed;
import io.segflow.spi.ColumnDef;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedTableTest {
    @TempDir
    Path root;

    private Seed seed(String csv, Map<String, String> types) throws IOException {
        return seed(csv, types, Map.of(), CsvOptions.defaults());
    }

    private Seed seed(String csv, Map<String, String> types, Map<String, String> formats, CsvOptions options)
            throws IOException {
        Files.createDirectories(root.resolve("seeds"));
        Files.writeString(root.resolve("seeds/s.csv"), csv);
        return new Seed("s", Path.of("seeds/s.csv"), "analytics", options, types, formats, null, List.of(), List.of(),
                null);
    }

    private static List<Object[]> load(SeedTable t) {
        List<Object[]> rows = new ArrayList<>();
        try (CsvReader csv = t.open()) {
            t.rows(csv).forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void infersTheNarrowestTypeThatFitsEveryValue() throws IOException {
        Seed s = seed("id,price,flag,day,ts,code,empty\n"
                + "1,2.5,true,2024-01-02,2024-01-02 10:00:00,0001,\n"
                + "2,3,false,2024-02-03,2024-01-03T11:30,A7,\n", Map.of());
        List<String> types = SeedTable.infer(s, root).columns().stream().map(ColumnDef::type).toList();
        assertEquals(List.of("BIGINT", "DOUBLE", "BOOLEAN", "DATE", "TIMESTAMP", "VARCHAR", "VARCHAR"), types);
    }

    @Test
    void declaredTypesWinAndValuesAreConverted() throws IOException {
        Seed s = seed("id,amount,day\n7,10.50,2024-03-04\n8,,2024-03-05\n", Map.of("amount", "DECIMAL(10,2)", "ID", "VARCHAR"));
        SeedTable t = SeedTable.infer(s, root);
        assertEquals(List.of("VARCHAR", "DECIMAL(10,2)", "DATE"), t.columns().stream().map(ColumnDef::type).toList());
        List<Object[]> rows = new ArrayList<>();
        try (CsvReader csv = t.open()) {
            Iterator<Object[]> it = t.rows(csv);
            it.forEachRemaining(rows::add);
        }
        assertEquals("7", rows.get(0)[0]);
        assertEquals(new BigDecimal("10.50"), rows.get(0)[1]);
        assertEquals(LocalDate.of(2024, 3, 4), rows.get(0)[2]);
        assertEquals(null, rows.get(1)[1]);
    }

    @Test
    void aValueThatDoesNotFitIsAPositionedError() throws IOException {
        Seed s = seed("id,ts\n1,2024-01-01 00:00:00\n2,yesterday\n", Map.of("ts", "TIMESTAMP"));
        SeedTable t = SeedTable.infer(s, root);
        try (CsvReader csv = t.open()) {
            Iterator<Object[]> it = t.rows(csv);
            assertEquals(LocalDateTime.of(2024, 1, 1, 0, 0), it.next()[1]);
            DiagnosticException e = assertThrows(DiagnosticException.class, it::next);
            assertEquals("seeds/s.csv:3:1", e.diagnostics().get(0).position().toString());
            assertTrue(e.getMessage().contains("'yesterday' in column ts is not a TIMESTAMP"), e.getMessage());
        }
    }

    @Test
    void numbersWithLeadingZerosAreIdentifiersButDeclaredTypesStillWin() throws IOException {
        String csv = "id,n,x,neg\n0001,0,0.5,-7\n0002,10,00.5,-0\n";
        assertEquals(List.of("VARCHAR", "BIGINT", "VARCHAR", "BIGINT"),
                SeedTable.infer(seed(csv, Map.of()), root).columns().stream().map(ColumnDef::type).toList());
        SeedTable declared = SeedTable.infer(seed(csv, Map.of("id", "BIGINT")), root);
        assertEquals(1L, load(declared).get(0)[0]);
        assertEquals("0001", load(SeedTable.infer(seed(csv, Map.of()), root)).get(0)[0]);
    }

    @Test
    void strftimeFormatsTypeDatesAndTimestamps() throws IOException {
        Seed s = seed("d,t,u\n19970101,31/12/1997 23:59,19970102\n,01/01/1998 00:00,19970103\n", Map.of("u", "TIMESTAMP"),
                Map.of("d", "%Y%m%d", "T", "%d/%m/%Y %H:%M", "u", "%Y%m%d"), CsvOptions.defaults());
        SeedTable t = SeedTable.infer(s, root);
        assertEquals(List.of("DATE", "TIMESTAMP", "TIMESTAMP"), t.columns().stream().map(ColumnDef::type).toList());
        List<Object[]> rows = load(t);
        assertEquals(LocalDate.of(1997, 1, 1), rows.get(0)[0]);
        assertEquals(LocalDateTime.of(1997, 12, 31, 23, 59), rows.get(0)[1]);
        assertEquals(LocalDateTime.of(1997, 1, 2, 0, 0), rows.get(0)[2]);
        assertEquals(null, rows.get(1)[0]);
    }

    @Test
    void aValueThatDoesNotMatchItsFormatIsAPositionedError() throws IOException {
        Seed s = seed("d\n19970101\n19970230\n", Map.of(), Map.of("d", "%Y%m%d"), CsvOptions.defaults());
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> load(SeedTable.infer(s, root)));
        assertEquals("seeds/s.csv:3:1", e.diagnostics().get(0).position().toString());
        assertTrue(e.getMessage().contains("'19970230' in column d does not match the format '%Y%m%d'"), e.getMessage());
        Seed wrongType = seed("d\n19970101\n", Map.of("d", "BIGINT"), Map.of("d", "%Y%m%d"), CsvOptions.defaults());
        assertThrows(DiagnosticException.class, () -> SeedTable.infer(wrongType, root));
        Seed unknown = seed("d\n19970101\n", Map.of(), Map.of("day", "%Y%m%d"), CsvOptions.defaults());
        assertTrue(assertThrows(DiagnosticException.class, () -> SeedTable.infer(unknown, root)).getMessage()
                .contains("formats names 'day'"));
    }

    @Test
    void nullValuesAreNullBeforeTypesAreInferred() throws IOException {
        CsvOptions na = new CsvOptions(true, List.of(), ",", java.nio.charset.StandardCharsets.UTF_8, Set.of("NA", "-"));
        SeedTable t = SeedTable.infer(seed("a,b\n1,NA\n-,2.5\n", Map.of(), Map.of(), na), root);
        assertEquals(List.of("BIGINT", "DOUBLE"), t.columns().stream().map(ColumnDef::type).toList());
        assertEquals(null, load(t).get(1)[0]);
    }

    @Test
    void declaredTypesArePortableAndValuesMustFitThem() throws IOException {
        Seed s = seed("a,b,c,d\n1,2.5,x,1e-400\n", Map.of("a", "tinyint", "b", "numeric(4, 1)", "c", "text", "d", "DECIMAL"));
        SeedTable t = SeedTable.infer(s, root);
        assertEquals(List.of("INTEGER", "DECIMAL(4,1)", "VARCHAR", "DECIMAL(18,3)"),
                t.columns().stream().map(ColumnDef::type).toList());
        assertEquals(List.of(1, new BigDecimal("2.5"), "x", new BigDecimal("0.000")), List.of(load(t).get(0)));
        Seed tooBig = seed("a,b\n1,2.5\n2147483648,1\n", Map.of("a", "INTEGER"));
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> load(SeedTable.infer(tooBig, root)));
        assertEquals("seeds/s.csv:3:1", e.diagnostics().get(0).position().toString());
        assertTrue(e.getMessage().contains("'2147483648' in column a is not an INTEGER"), e.getMessage());
        Seed wide = seed("a\n123.4\n1e400\n", Map.of("a", "DECIMAL(4,1)"));
        assertTrue(assertThrows(DiagnosticException.class, () -> load(SeedTable.infer(wide, root))).getMessage()
                .contains("'1e400' in column a is not a DECIMAL(4,1)"));
        Seed unknown = seed("a\n1\n", Map.of("a", "UUID"));
        assertTrue(assertThrows(DiagnosticException.class, () -> SeedTable.infer(unknown, root)).getMessage()
                .contains("the type 'UUID', which seeds cannot load"));
    }

    @Test
    void unknownDeclaredColumnIsAnError() throws IOException {
        Seed s = seed("id\n1\n", Map.of("idd", "BIGINT"));
        DiagnosticException e = assertThrows(DiagnosticException.class, () -> SeedTable.infer(s, root));
        assertTrue(e.getMessage().contains("'idd'"), e.getMessage());
    }
}
