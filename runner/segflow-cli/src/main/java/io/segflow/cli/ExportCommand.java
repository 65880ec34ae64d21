package io.segflow.cli;

import io.segflow.audience.export.AudienceExporter;
import io.segflow.audience.export.ExportRequest;
import io.segflow.audience.export.ExportResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write an audience set's (or one audience's) memberships to a CSV or Parquet file for ad platforms "
                + "and sync tools: with --since-last only the adds and removes since the last export, else the whole "
                + "current membership. Identifiers are normalised and SHA-256 hashed in the warehouse; the cursor is "
                + "kept in audiences.export_cursors, so a repeated export writes nothing new (docs/audiences.md).")
final class ExportCommand extends ProjectCommand {
    @Parameters(index = "0", paramLabel = "AUDIENCE", description = "An audience set, SET.AUDIENCE, or an audience name.")
    String audience;

    @Option(names = "--since-last", description = "Only the adds and removes since this export's cursor (the first "
            + "export writes every member as an add).")
    boolean sinceLast;

    @Option(names = "--export", paramLabel = "NAME", description = "Which of the set's exports (default: its only one).")
    String export;

    @Option(names = "--format", paramLabel = "csv|parquet", description = "Override the export's file format.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Folder for the file (default: the export's "
            + "path, else target/exports/<export>).")
    Path output;

    @Override
    int run(Workspace ws) {
        if (format != null && !format.equals("csv") && !format.equals("parquet")) {
            console.error("--format must be csv or parquet, not '" + format + "'");
            return PROJECT_ERROR;
        }
        try (TargetLock lock = TargetLock.acquire(ws.project().targetDir(), ws.targetSpec().name(), "export")) {
            ws.adapter();
            ExportResult r = new AudienceExporter(ws.compile(), ws.adapter())
                    .export(new ExportRequest(audience, export, sinceLast, format, output));
            if (console.json()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("export", r.export());
                f.put("cursor", r.cursor());
                f.put("since", r.since() == null ? null : r.since().toString());
                f.put("as_of", r.asOf().toString());
                f.put("adds", r.adds());
                f.put("removes", r.removes());
                f.put("file", r.file() == null ? null : r.file().toString());
                console.event("info", "export_finished", f);
            } else if (r.file() == null) {
                console.info(r.cursor() + ": no changes since the last export (as of " + r.asOf() + "), nothing written");
            } else {
                console.info(r.cursor() + ": " + r.adds() + " adds, " + r.removes() + " removes "
                        + (r.since() == null ? "(everything" : "(since " + r.since()) + " up to " + r.asOf() + ") -> "
                        + r.file());
            }
            return OK;
        }
    }
}
