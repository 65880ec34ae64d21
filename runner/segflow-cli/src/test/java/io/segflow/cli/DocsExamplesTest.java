package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every YAML/SQL example in README.md and docs/*.md (new docs files included) is placed into a project and compiled
 * through the CLI (load, schema, Calcite validation), so examples cannot rot. A block says how with its info string,
 * e.g. {@code ```yaml segflow:segment}; an unmarked block fails with its file:line.
 */
class DocsExamplesTest {
    @TempDir
    static Path tmp;

    @TestFactory
    Stream<DynamicTest> everyFencedExampleCompiles() {
        List<DocsExample> examples = DocsExample.all(CliRunner.repoRoot());
        List<DynamicTest> tests = new ArrayList<>();
        for (DocsExample example : examples) {
            String name = example.where() + (example.marked() ? " segflow:" + example.kind() : " (unmarked)");
            int index = tests.size();
            tests.add(DynamicTest.dynamicTest(name, () -> check(example, index)));
        }
        return tests.stream();
    }

    private static void check(DocsExample example, int index) throws Exception {
        if (!example.marked()) {
            fail(example.where() + ": this ```" + example.language() + " block has no segflow:<kind> marker; mark it "
                    + "(e.g. ```" + example.language() + " segflow:segment) so the docs test can compile it. Kinds: "
                    + DocsExampleProject.kinds() + "; add `invalid` when it must fail. See docs/docs-site.md.");
        }
        if (!DocsExampleProject.knows(example.kind())) {
            fail(example.where() + ": unknown marker segflow:" + example.kind() + "; kinds: " + DocsExampleProject.kinds());
        }
        if (example.kind().equals("external")) return;
        Path project = DocsExampleProject.place(example, tmp.resolve("example-" + index));
        CliRunner.Result r = CliRunner.run(project, "compile");
        if (example.invalid()) {
            assertNotEquals(0, r.code(), example.where() + " is marked invalid but compiles");
        } else {
            assertEquals(0, r.code(), example.where() + " does not compile:\n" + r.all());
        }
    }

    @Test
    void theOldSegmentExampleOfProjectFormatIsCaught() throws Exception {
        String old = """
                segments:
                  - name: value_tiers
                    type: rules
                    source: customer_orders
                    rules:
                      - {name: vip, when: "revenue >= 5000"}
                    default: occasional
                """;
        DocsExample example = new DocsExample(Path.of("docs/project-format.md"), 226, "yaml", "segments", false,
                java.util.Map.of(), old);
        CliRunner.Result r = CliRunner.run(DocsExampleProject.place(example, tmp.resolve("old-value-tiers")), "compile");
        assertEquals(2, r.code(), r.all());
        assertTrue(r.all().contains("SF103") && r.all().contains("has no 'from'"), r.all());
    }

    @Test
    void anUnmarkedBlockIsReportedWithItsLine() throws Exception {
        Path root = tmp.resolve("unmarked");
        java.nio.file.Files.createDirectories(root.resolve("docs"));
        java.nio.file.Files.writeString(root.resolve("README.md"), "# x\n\n```yaml\na: 1\n```\n\n```yaml segflow:segment invalid fixture=telco\n- name: x\n```\n");
        java.nio.file.Files.writeString(root.resolve("docs/new-topic.md"), "text\n```sh\nls\n```\n```sql segflow:feature name=f\nselect 1\n```\n");
        List<DocsExample> found = DocsExample.all(root);
        assertEquals(3, found.size(), found.toString());
        assertEquals("README.md:3", found.get(0).where());
        assertTrue(!found.get(0).marked());
        assertEquals("segment", found.get(1).kind());
        assertTrue(found.get(1).invalid());
        assertEquals("telco", found.get(1).options().get("fixture"));
        assertEquals("docs/new-topic.md:5", found.get(2).where().replace('\\', '/'));
        assertEquals("select 1\n", found.get(2).text());
    }
}
