package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `segflow seed` on real files with the seed reading options, checked in the DuckDB file it writes. */
class SeedOptionsEndToEndTest {
    private static final Path CDNOW = Path.of("src/test/resources/data/cdnow");

    @TempDir
    Path dir;

    private Path project(String seedsYml) throws IOException {
        Files.writeString(dir.resolve("segflow_project.yml"), "name: seeds_demo\nversion: \"1.0\"\nprofile: seeds_demo\n"
                + "schema: analytics\n");
        Files.writeString(dir.resolve("profiles.yml"), "seeds_demo:\n  target: dev\n  outputs:\n    dev:\n"
                + "      type: duckdb\n      path: target/dev.duckdb\n");
        Files.createDirectories(dir.resolve("seeds"));
        Files.writeString(dir.resolve("seeds/seeds.yml"), seedsYml);
        return dir;
    }

    private List<List<Object>> query(String sql) throws Exception {
        return CliRunner.query(dir.resolve("target/dev.duckdb"), sql);
    }

    private String types(String table) throws Exception {
        return query("select string_agg(column_name || ' ' || data_type, ', ' order by ordinal_position) "
                + "from information_schema.columns where table_name = '" + table + "'").get(0).get(0).toString();
    }

    @Test
    void cdnowMasterLoadsWithWhitespaceDelimiterAndADateFormat() throws Exception {
        project("""
                seeds:
                  - name: cdnow_master
                    path: %s
                    delimiter: whitespace
                    formats: {date: '%%Y%%m%%d'}
                """.formatted(CDNOW.resolve("CDNOW_master.txt.gz").toAbsolutePath()));
        CliRunner.Result r = CliRunner.run(dir, "seed");
        assertEquals(0, r.code(), r.all());
        assertEquals("customer_id VARCHAR, date DATE, number_of_cds BIGINT, dollar_value DOUBLE", types("cdnow_master"));
        assertEquals(List.of(List.of(69659L, 69659L, 23570L, "00001", "1997-01-01", "1998-06-30")),
                query("select count(*), count(date), count(distinct customer_id), min(customer_id), "
                        + "min(date)::varchar, max(date)::varchar from analytics.cdnow_master"));
    }

    @Test
    void headerlessCdnowSampleKeepsItsFirstRow() throws Exception {
        project("""
                seeds:
                  - name: cdnow_sample
                    path: %s
                    header: false
                    column_names: [customer_id, sample_id, date, number_of_cds, dollar_value]
                    delimiter: whitespace
                    formats: {date: '%%Y%%m%%d'}
                """.formatted(CDNOW.resolve("CDNOW_sample.txt.gz").toAbsolutePath()));
        CliRunner.Result r = CliRunner.run(dir, "seed");
        assertEquals(0, r.code(), r.all());
        assertEquals("customer_id VARCHAR, sample_id VARCHAR, date DATE, number_of_cds BIGINT, dollar_value DOUBLE",
                types("cdnow_sample"));
        assertEquals(List.of(List.of(6919L, 6919L, 2357L)),
                query("select count(*), count(date), count(distinct sample_id) from analytics.cdnow_sample"));
        assertEquals(1L, query("select count(*) from analytics.cdnow_sample where customer_id = '00004' "
                + "and sample_id = '0001' and date = date '1997-01-01' and dollar_value = 29.33").get(0).get(0));
    }

    @Test
    void aRaggedRowIsAnErrorAtItsLineAndNothingIsLoaded() throws Exception {
        project("seeds:\n  - name: ragged\n    description: one row too long\n");
        Files.writeString(dir.resolve("seeds/ragged.csv"), "id,name\n1,a\n2,b\n3,c,extra\n4,d\n");
        CliRunner.Result r = CliRunner.run(dir, "seed");
        assertEquals(2, r.code(), r.all());
        assertTrue(r.all().contains("seeds/ragged.csv:4:1: error[SF107]: this record has 3 fields but there are 2 "
                + "columns [id, name]"), r.all());
        assertTrue(!Files.exists(dir.resolve("target/dev.duckdb"))
                || query("select count(*) from information_schema.tables where table_name = 'ragged'")
                .get(0).get(0).equals(0L), "a seed with a ragged row must not be loaded");
    }

    @Test
    void latin1TextRoundTripsAndUndecodableBytesAreAnError() throws Exception {
        project("seeds:\n  - name: people\n    encoding: latin1\n  - name: people_utf8\n");
        byte[] latin1 = "id,name\n1,Jos\u00e9 M\u00fcller\n2,\u00c5se \u00d8stby\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("seeds/people.csv"), latin1);
        Files.write(dir.resolve("seeds/people_utf8.csv"), latin1);
        CliRunner.Result bad = CliRunner.run(dir, "seed");
        assertEquals(2, bad.code(), bad.all());
        assertTrue(bad.all().contains("seeds/people_utf8.csv:2:1: error[SF107]: bytes that are not valid UTF-8 text"),
                bad.all());
        Files.delete(dir.resolve("seeds/people_utf8.csv"));
        Files.writeString(dir.resolve("seeds/seeds.yml"), "seeds:\n  - name: people\n    encoding: latin1\n");
        CliRunner.Result ok = CliRunner.run(dir, "seed");
        assertEquals(0, ok.code(), ok.all());
        assertEquals(List.of(List.of(1, "Jos\u00e9 M\u00fcller"), List.of(2, "\u00c5se \u00d8stby")),
                query("select id::int, name from analytics.people order by id"));
    }

    @Test
    void leadingZeroIdsStayStringsAndNullValuesAreNull() throws Exception {
        project("seeds:\n  - name: accounts\n    null_values: [NA, NULL]\n    delimiter: ';'\n");
        Files.writeString(dir.resolve("seeds/accounts.csv"), "id;branch;balance\n0001;007;12.5\n0002;NA;NULL\n0100;010;3\n");
        CliRunner.Result r = CliRunner.run(dir, "seed");
        assertEquals(0, r.code(), r.all());
        assertEquals("id VARCHAR, branch VARCHAR, balance DOUBLE", types("accounts"));
        assertEquals(List.of(List.of("0001", "007", 12.5), java.util.Arrays.asList("0002", null, null),
                List.of("0100", "010", 3.0)), query("select * from analytics.accounts order by id"));
    }

    @Test
    void aBadValueFoundWhileLoadingIsPositionedAndKeepsThePreviousTable() throws Exception {
        project("seeds:\n  - name: typed\n    column_types: {id: INTEGER, day: DATE}\n    formats: {day: '%Y%m%d'}\n");
        Files.writeString(dir.resolve("seeds/typed.csv"), "id,day\n1,19970101\n2,19970102\n");
        assertEquals(0, CliRunner.run(dir, "seed").code());
        Files.writeString(dir.resolve("seeds/typed.csv"), "id,day\n1,19970101\n2,1997-01-03\n3,19970104\n");
        CliRunner.Result r = CliRunner.run(dir, "seed");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.all().contains("seeds/typed.csv:3:1: error[SF106]: seed typed: value '1997-01-03' in column day "
                + "does not match the format '%Y%m%d'"), r.all());
        assertTrue(!r.all().contains("Exception") && !r.all().contains("bulkLoad"), r.all());
        assertEquals(List.of(List.of(2L, "1997-01-02")), query("select count(*), max(day)::varchar from analytics.typed"));
    }

    @Test
    void theCommittedCdnowCopiesAreTheSharedDataFiles() throws IOException {
        Path shared = CliRunner.repoRoot().resolve("../shared/data/cdnow");
        for (String name : List.of("CDNOW_master.txt", "CDNOW_sample.txt")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(CDNOW.resolve(name + ".gz")))) {
                assertArrayEquals(Files.readAllBytes(shared.resolve(name)), in.readAllBytes(),
                        name + " differs from ../shared/data (which CI provides beside the clone)");
            }
        }
    }
}
