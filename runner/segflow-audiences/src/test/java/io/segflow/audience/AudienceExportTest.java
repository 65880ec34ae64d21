package io.segflow.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.audience.AudienceProject.Customer;
import io.segflow.audience.export.AudienceExporter;
import io.segflow.audience.export.ExportRequest;
import io.segflow.audience.export.ExportResult;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `segflow export` on DuckDB: cursor idempotence, exact deltas after a membership change, hashed e-mails, Parquet. */
class AudienceExportTest {
    @TempDir
    Path dir;

    @Test
    void sinceLastWritesEverythingThenNothingThenExactlyTheChanges() throws Exception {
        try (AudienceProject p = new AudienceProject(dir, AudienceProject.AUDIENCES)) {
            List<Customer> first = p.load(80, 7);
            AudienceSetEndToEndTest.assertAllOk(p.build("r1", false));
            ExportResult r1 = export(p, true, null);
            Map<Long, String> before = Expected.membership(first, 5);
            assertNull(r1.since());
            assertEquals(before.size(), r1.adds());
            assertEquals(0, r1.removes());
            List<CSVRecord> rows = csv(r1.file());
            assertEquals(List.of("audience", "action", "entity_id", "email_sha256"), rows.get(0).getParser().getHeaderNames());
            Set<String> pairs = new TreeSet<>();
            before.forEach((id, a) -> pairs.add("add " + a + " " + id));
            assertEquals(pairs, pairsOf(rows));

            ExportResult again = export(p, true, null);
            assertEquals(0, again.rows());
            assertNull(again.file());
            try (Stream<Path> files = Files.list(r1.file().getParent())) {
                assertEquals(1, files.count(), "a repeated export writes no file");
            }

            // new vips only: a member keeps the score of the run that put it in its group, and caps rank by it
            List<Customer> changed = new ArrayList<>();
            for (Customer c : first) {
                changed.add(c.id() % 3 == 0 && !Expected.vip(c) ? new Customer(c.id(), c.email(), c.optedIn(), 1500 + c.id(), 3, c.visits(),
                        c.daysSinceOrder()) : c.id() % 7 == 0 ? new Customer(c.id(), c.email(), false, c.revenue(),
                        c.carts(), c.visits(), c.daysSinceOrder()) : c);
            }
            p.put(changed);
            AudienceSetEndToEndTest.assertAllOk(p.build("r2", true));
            Map<Long, String> after = Expected.membership(changed, 5);
            Set<String> delta = new TreeSet<>();
            after.forEach((id, a) -> { if (!a.equals(before.get(id))) delta.add("add " + a + " " + id); });
            before.forEach((id, a) -> { if (!a.equals(after.get(id))) delta.add("remove " + a + " " + id); });
            assertTrue(delta.stream().anyMatch(s -> s.startsWith("remove")) && delta.stream().anyMatch(s -> s.startsWith("add")));
            ExportResult r2 = export(p, true, null);
            assertEquals(r1.asOf(), r2.since());
            assertEquals(delta, pairsOf(csv(r2.file())));
            assertEquals(delta.size(), r2.rows());
            assertEquals(0, export(p, true, null).rows());

            ExportResult full = export(p, false, null);
            assertEquals(after.size(), full.adds());
            assertEquals(0, full.removes());
        }
    }

    @Test
    void identifiersAreTheSha256OfTheTrimmedLowerCasedEmail() throws Exception {
        try (AudienceProject p = new AudienceProject(dir, AudienceProject.AUDIENCES)) {
            List<Customer> customers = p.load(80, 7);
            AudienceSetEndToEndTest.assertAllOk(p.build("r1", false));
            Map<Long, String> emails = new HashMap<>();
            customers.forEach(c -> emails.put(c.id(), c.email()));
            assertTrue(emails.values().stream().anyMatch(e -> !e.equals(e.trim().toLowerCase(Locale.ROOT))));
            List<CSVRecord> rows = csv(export(p, true, null).file());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (CSVRecord r : rows) {
                String normal = emails.get(Long.parseLong(r.get("entity_id"))).trim().toLowerCase(Locale.ROOT);
                String expected = HexFormat.of().formatHex(sha.digest(normal.getBytes(StandardCharsets.UTF_8)));
                assertEquals(expected, r.get("email_sha256"));
            }
            for (CSVRecord r : rows) assertTrue(!String.join(",", r.toList()).contains("@"), "no raw e-mail leaves");
        }
    }

    @Test
    void parquetFileHoldsTheSameRowsForOneAudience() {
        try (AudienceProject p = new AudienceProject(dir, AudienceProject.AUDIENCES)) {
            List<Customer> customers = p.load(80, 7);
            AudienceSetEndToEndTest.assertAllOk(p.build("r1", false));
            ExportResult r = new AudienceExporter(p.compile(), p.warehouse).export(new ExportRequest("campaign.cart_push", null,
                    true, "parquet", dir.resolve("out")));
            long expected = Expected.membership(customers, 5).values().stream().filter("cart_push"::equals).count();
            assertEquals(expected, r.adds());
            assertTrue(r.file().toString().endsWith(".parquet"));
            List<Object[]> rows = p.rows("select audience, count(*), count(distinct email_sha256), min(length(email_sha256)),"
                    + " typeof(any_value(entity_id)) from read_parquet('" + r.file() + "') group by audience");
            assertEquals(1, rows.size());
            assertEquals("cart_push", rows.get(0)[0]);
            assertEquals(expected, ((Number) rows.get(0)[1]).longValue());
            assertEquals(expected, ((Number) rows.get(0)[2]).longValue());
            assertEquals(64, ((Number) rows.get(0)[3]).intValue());
            assertEquals("BIGINT", rows.get(0)[4]);
        }
    }

    private static ExportResult export(AudienceProject p, boolean sinceLast, String format) {
        return new AudienceExporter(p.compile(), p.warehouse).export(new ExportRequest("campaign", null, sinceLast, format, null));
    }

    private static List<CSVRecord> csv(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    private static Set<String> pairsOf(List<CSVRecord> rows) {
        Set<String> out = new TreeSet<>();
        for (CSVRecord r : rows) out.add(r.get("action") + " " + r.get("audience") + " " + r.get("entity_id"));
        return out;
    }
}
