package io.segflow.cli;

import io.segflow.core.compile.CompiledProject;
import io.segflow.report.Report;
import io.segflow.report.ReportContext;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the segment report: per segmentation its definition, coverage, sizes and shares over runs,"
                + " entered/exited, transition heatmap, RFM grid, model cards (importance, ROC, calibration, lift,"
                + " cluster profiles) and CLV; to target/report.html, target/docs/report/index.html and its data to"
                + " target/report.json.")
final class ReportCommand extends ProjectCommand {
    @Option(names = "--output", paramLabel = "FILE", description = "Where to write the HTML (default: target/report.html).")
    Path output;

    @Override
    int run(Workspace ws) throws Exception {
        CompiledProject cp = ws.compile();
        Report.Built built = Report.build(new ReportContext(cp, ws.readOnlyAdapter(), ModelSegments.registry(ws)),
                Report.sections());
        List<Path> files = Report.write(cp.project().targetDir(), output, built);
        console.info("wrote " + files.get(0) + " (" + built.segmentations() + " segmentations" + (built.notBuilt().isEmpty()
                ? "" : ", not built yet: " + String.join(", ", built.notBuilt())) + "), " + files.get(1) + " and "
                + files.get(2));
        return OK;
    }
}
