package io.segflow.cli;

import io.segflow.core.compile.AtomicFile;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.core.segment.HtmlReport;
import io.segflow.core.segment.SegmentReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write an HTML report of every segmentation (sizes, shares, change since the last run, "
                + "per-group feature profile, transition matrix) to target/report.html.")
final class ReportCommand extends ProjectCommand {
    @Option(names = "--output", paramLabel = "FILE", description = "Where to write the report (default: target/report.html).")
    Path output;

    @Override
    int run(Workspace ws) throws Exception {
        CompiledProject cp = ws.compile();
        int floor = cp.project().config().minSegmentSize();
        List<SegmentReport> reports = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (CompiledSegment s : cp.segments().values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            Optional<SegmentReport> r = SegmentReport.read(ws.readOnlyAdapter(), s, floor, true);
            if (r.isPresent()) reports.add(r.get());
            else missing.add(s.name());
        }
        Path file = output != null ? output : cp.project().targetDir().resolve("report.html");
        AtomicFile.write(file, HtmlReport.render(cp.project().config().name(), reports, missing));
        console.info("wrote " + file + " (" + reports.size() + " segmentations" + (missing.isEmpty() ? ""
                : ", not built yet: " + String.join(", ", missing)) + ")");
        return OK;
    }
}
