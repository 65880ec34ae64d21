package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI workflow's fixture step, `segflow test -s test_type:unit`, on a fresh `segflow init` project: it runs the
 * expected_members fixtures without building anything or touching the target's data, and fails on a wrong fixture.
 */
class FixtureTestsWithoutWarehouseTest {
    private static final String SEGMENT = """
            segments:
              - name: buyers
                type: rules
                from: customer_orders
                rules:
                  - name: repeat
                    when: "orders_count >= 2"
                  - name: once
                    when: "orders_count = 1"
                else: never
                tests:
                  - exclusive
                  - expected_members:
                      given:
                        customer_orders:
                          - {customer_id: 1, orders_count: 3}
                          - {customer_id: 2, orders_count: 1}
                          - {customer_id: 3, orders_count: 0}
                      expect:
                        - {entity_id: 1, segment: repeat}
                        - {entity_id: 2, segment: %s}
                        - {entity_id: 3, segment: never}
            """;

    @TempDir
    Path tmp;

    @Test
    void fixtureTestsPassOnAFreshProjectWithNoWarehouseData() throws Exception {
        Path dir = init("ok");
        CliRunner.Result r = runFixtures(dir, "once", 0);
        assertFalse(r.all().contains("buyers_exclusive"), "a data test ran: " + r.all());
        String workflow = Files.readString(dir.resolve(".github/workflows/segflow.yml"));
        int compile = workflow.indexOf("run: segflow compile");
        int fixtures = workflow.indexOf("run: segflow test -s test_type:unit");
        int plan = workflow.indexOf("run: segflow plan");
        assertTrue(compile >= 0 && compile < fixtures && fixtures < plan, workflow);
        assertTrue(CliRunner.run(null, "test", "--help").out().contains("test_type:unit|data"));
    }

    @Test
    void aWrongFixtureFailsTheStep() throws Exception {
        runFixtures(init("bad"), "repeat", 1);
    }

    /** Adds the buyers segmentation expecting customer 2 in {@code groupOfCustomer2}, runs the fixture step. */
    private static CliRunner.Result runFixtures(Path dir, String groupOfCustomer2, int expectedExit) throws Exception {
        Files.writeString(dir.resolve("segments/buyers.yml"), SEGMENT.formatted(groupOfCustomer2));
        CliRunner.Result r = CliRunner.run(dir, "test", "-s", "test_type:unit");
        assertEquals(expectedExit, r.code(), r.all());
        assertTrue(r.all().contains("buyers_expected_members"), r.all());
        return r;
    }

    private Path init(String name) {
        Path dir = tmp.resolve(name);
        CliRunner.Result init = CliRunner.run(null, "init", dir.toString());
        assertEquals(0, init.code(), init.all());
        return dir;
    }
}
