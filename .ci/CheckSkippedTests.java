import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads every module's target/surefire-reports/TEST-*.xml after `mvn -B verify` and fails when a test outside the
 * checked-in allowlist (.ci/allowed-skips.txt) was skipped. Run with `java .ci/CheckSkippedTests.java`.
 */
public class CheckSkippedTests {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Set<String> allowed = allowedClasses(root.resolve(".ci/allowed-skips.txt"));
        List<Path> reports;
        try (Stream<Path> files = Files.walk(root.resolve("runner"), 4)) {
            reports = files.filter(p -> p.getParent().endsWith("target/surefire-reports")
                    && p.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        }
        if (reports.isEmpty()) {
            System.out.println("skipped-test check: no surefire reports under runner/*/target/surefire-reports");
            System.exit(1);
        }
        int tests = 0;
        List<String> allowedSkips = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        Set<String> skippingClasses = new TreeSet<>();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        for (Path report : reports) {
            NodeList cases = factory.newDocumentBuilder().parse(report.toFile()).getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element c = (Element) cases.item(i);
                tests++;
                NodeList skipped = c.getElementsByTagName("skipped");
                if (skipped.getLength() == 0) continue;
                String cls = c.getAttribute("classname");
                String reason = ((Element) skipped.item(0)).getAttribute("message");
                String line = cls + "." + c.getAttribute("name") + (reason.isEmpty() ? "" : " (" + reason + ")");
                if (allowed.contains(cls)) {
                    allowedSkips.add(line);
                    skippingClasses.add(cls.substring(cls.lastIndexOf('.') + 1));
                } else {
                    unexpected.add(line);
                }
            }
        }
        System.out.println("skipped-test check: " + tests + " tests in " + reports.size() + " reports, "
                + allowedSkips.size() + " allowed skips " + skippingClasses + ", "
                + unexpected.size() + " unexpected");
        unexpected.forEach(u -> System.out.println("  unexpected skip: " + u));
        if (!unexpected.isEmpty()) {
            System.out.println("Make these tests run, or add the class to .ci/allowed-skips.txt with the reason.");
            System.exit(1);
        }
    }

    private static Set<String> allowedClasses(Path file) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String line : Files.readAllLines(file)) {
            String cls = line.replaceFirst("#.*", "").strip();
            if (!cls.isEmpty()) out.add(cls);
        }
        return out;
    }
}
