package io.segflow.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.audience.AudienceProject.Customer;
import io.segflow.core.execute.NodeResult;
import io.segflow.core.execute.NodeStatus;
import io.segflow.spi.RelationName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audience sets built end to end on DuckDB, checked against plain-Java computations of the same rules. */
class AudienceSetEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void priorityCapsAndSuppressionGiveEachEntityAtMostOneAudience() {
        try (AudienceProject p = new AudienceProject(dir, AudienceProject.AUDIENCES)) {
            List<Customer> customers = p.load(80, 7);
            assertAllOk(p.build("r1", false));
            Map<Long, String> got = new HashMap<>();
            for (Object[] row : p.rows("select entity_id, segment from segments.campaign_members")) {
                String before = got.put(((Number) row[0]).longValue(), String.valueOf(row[1]));
                assertEquals(null, before, "entity " + row[0] + " is in two audiences");
            }
            assertEquals(Expected.membership(customers, 5), got);
            // the data exercises every rule: more vips than the cap (the rest fall through), suppressed candidates
            long vips = customers.stream().filter(c -> Expected.vip(c) && !Expected.suppressed(c)).count();
            assertTrue(vips > 5, "vips " + vips);
            assertTrue(customers.stream().anyMatch(c -> Expected.vip(c) && !Expected.suppressed(c)
                    && !"vip_care".equals(got.get(c.id())) && got.containsKey(c.id())), "no vip fell through the cap");
            assertTrue(customers.stream().anyMatch(c -> Expected.suppressed(c) && (Expected.cart(c) || Expected.vip(c))));
            assertTrue(customers.stream().filter(Expected::suppressed).noneMatch(c -> got.containsKey(c.id())));
            assertEquals(List.of("vip_care", "cart_push", "reactivate"), p.rows("select audience from audiences.audiences "
                    + "order by priority").stream().map(r -> String.valueOf(r[0])).toList());
        }
    }

    @Test
    void overlapMatrixEqualsSetsCountedInJava() throws Exception {
        try (AudienceProject p = new AudienceProject(dir, AudienceProject.AUDIENCES)) {
            p.load(80, 11);
            assertAllOk(p.build("r1", false));
            Map<String, Set<String>> members = new HashMap<>();
            for (String seg : List.of("campaign", "flags", "tiers")) {
                for (Object[] row : p.rows("select entity_id, segment from segments." + seg + "_members")) {
                    members.computeIfAbsent(seg + "/" + row[1], k -> new HashSet<>()).add(String.valueOf(row[0]));
                }
            }
            List<Object[]> cells = p.rows("select segmentation_a, group_a, segmentation_b, group_b, size_a, size_b, "
                    + "intersection, union_size, jaccard from audiences.segment_overlap");
            assertEquals(members.size() * members.size(), cells.size());
            int disjoint = 0;
            for (Object[] c : cells) {
                Set<String> a = members.get(c[0] + "/" + c[1]);
                Set<String> b = members.get(c[2] + "/" + c[3]);
                Set<String> both = new HashSet<>(a);
                both.retainAll(b);
                Set<String> either = new HashSet<>(a);
                either.addAll(b);
                assertEquals(a.size(), ((Number) c[4]).longValue());
                assertEquals(b.size(), ((Number) c[5]).longValue());
                assertEquals(both.size(), ((Number) c[6]).longValue(), c[0] + "/" + c[1] + " x " + c[2] + "/" + c[3]);
                assertEquals(either.size(), ((Number) c[7]).longValue());
                assertEquals((double) both.size() / either.size(), ((Number) c[8]).doubleValue(), 1e-12);
                if (both.isEmpty()) disjoint++;
            }
            assertTrue(disjoint > 0, "pairs sharing no entity are in the matrix with 0");
            JsonNode json = new ObjectMapper().readTree(Files.readString(dir.resolve("target/overlap.json")));
            assertEquals("r1", json.get("run_id").asText());
            assertEquals(members.size(), json.get("groups").size());
            assertEquals(cells.size(), json.get("pairs").size());
            for (JsonNode pair : json.get("pairs")) {
                Set<String> a = members.get(pair.at("/a/segmentation").asText() + "/" + pair.at("/a/group").asText());
                Set<String> both = new HashSet<>(a);
                both.retainAll(members.get(pair.at("/b/segmentation").asText() + "/" + pair.at("/b/group").asText()));
                assertEquals(both.size(), pair.get("intersection").asLong());
            }
        }
    }

    @Test
    void minSizeTestBlocksThePublishAndForcePublishes() {
        String tooSmall = AudienceProject.AUDIENCES.replace("- min_size: 1", "- min_size: 1000");
        try (AudienceProject p = new AudienceProject(dir, tooSmall)) {
            p.load(80, 7);
            NodeResult campaign = byId(p.build("r1", false), "segment.campaign");
            assertEquals(NodeStatus.ERROR, campaign.status());
            assertTrue(campaign.message().contains("min_size"), campaign.message());
            assertTrue(p.warehouse.describe(RelationName.of("segments", "campaign_members")).isEmpty(), "nothing published");
            assertEquals(NodeStatus.WARN, byId(p.build("r2", true), "segment.campaign").status());
            assertTrue(p.warehouse.describe(RelationName.of("segments", "campaign_members")).isPresent());
        }
    }

    @Test
    void membershipsViewKeepsEnteredAndExitedTimes() {
        try (AudienceProject p = new AudienceProject(dir, AudienceProject.AUDIENCES)) {
            List<Customer> first = p.load(80, 7);
            assertAllOk(p.build("r1", false));
            List<Customer> changed = new ArrayList<>();
            for (Customer c : first) {
                changed.add(c.id() % 4 == 0 ? new Customer(c.id(), c.email(), !c.optedIn(), c.revenue(), c.carts(),
                        c.visits(), c.daysSinceOrder()) : c);
            }
            p.put(changed);
            assertAllOk(p.build("r2", false));
            Map<Long, String> before = Expected.membership(first, 5);
            Map<Long, String> after = Expected.membership(changed, 5);
            long left = before.entrySet().stream().filter(e -> !e.getValue().equals(after.get(e.getKey()))).count();
            assertTrue(left > 0);
            assertEquals(left, ((Number) p.rows("select count(*) from audiences.memberships where exited_at is not null")
                    .get(0)[0]).longValue());
            assertEquals((long) after.size(), ((Number) p.rows("select count(*) from audiences.memberships where exited_at "
                    + "is null").get(0)[0]).longValue());
        }
    }

    @Test
    void anyGroupWithoutSuppressionPutsEveryoneSomewhere() {
        String yaml = """
                audiences:
                  - name: campaign
                    priority:
                      - {name: any_flag, include: {flags: "*"}}
                      - {name: rest, include: {tiers: "*"}}
                """;
        try (AudienceProject p = new AudienceProject(dir, yaml)) {
            List<Customer> customers = p.load(50, 3);
            assertAllOk(p.build("r1", false));
            Map<Long, String> got = new HashMap<>();
            for (Object[] row : p.rows("select entity_id, segment from segments.campaign_members")) {
                got.put(((Number) row[0]).longValue(), String.valueOf(row[1]));
            }
            Map<Long, String> expected = new HashMap<>();
            for (Customer c : customers) {
                expected.put(c.id(), Expected.cart(c) || Expected.browser(c) ? "any_flag" : "rest");
            }
            assertEquals(expected, got);
            assertTrue(got.containsValue("any_flag") && got.containsValue("rest"));
        }
    }

    static void assertAllOk(List<NodeResult> results) {
        for (NodeResult r : results) assertTrue(!r.status().isFailure(), r.id() + ": " + r.message());
    }

    static NodeResult byId(List<NodeResult> results, String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }
}
