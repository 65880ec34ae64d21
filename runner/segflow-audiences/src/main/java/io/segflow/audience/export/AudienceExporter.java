package io.segflow.audience.export;

import io.segflow.audience.AudienceSet;
import io.segflow.audience.AudienceSetType;
import io.segflow.core.compile.CompiledProject;
import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.segment.CompiledSegment;
import io.segflow.core.segment.store.MembershipTables;
import io.segflow.core.segment.store.StoreDialect;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code segflow export}: writes the adds and removes of an audience set (or one audience) since the export's
 * cursor, then records the new cursor in {@code audiences.export_cursors}. The file is named after the membership
 * time it reaches, so an export repeated after a failure between writing the file and recording the cursor rewrites
 * the same file; once the cursor is recorded, a repeat finds nothing new and writes nothing.
 */
public final class AudienceExporter {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final CompiledProject cp;
    private final WarehouseAdapter adapter;

    public AudienceExporter(CompiledProject cp, WarehouseAdapter adapter) {
        this.cp = cp;
        this.adapter = adapter;
    }

    public ExportResult export(ExportRequest request) {
        Scope scope = Scope.resolve(cp, request.audience());
        AudienceSet set = scope.set();
        AudienceSet.Export export = pick(set, request.export());
        List<String> audiences = new ArrayList<>(export.audiences());
        if (scope.audience() != null) {
            if (!audiences.isEmpty() && !audiences.contains(scope.audience())) {
                throw error("export '" + export.name() + "' does not include audience '" + scope.audience() + "'",
                        "it exports " + String.join(", ", audiences));
            }
            audiences = List.of(scope.audience());
        }
        MembershipTables tables = new MembershipTables(MembershipTables.DEFAULT_SCHEMA, set.name());
        ExportSql sql = new ExportSql(StoreDialect.of(adapter), tables);
        String cursor = export.name() + ":" + set.name() + (scope.audience() == null ? "" : "." + scope.audience());
        Instant asOf;
        String runId;
        if (adapter.describe(tables.runs()).isEmpty()) throw notBuilt(set);
        try (RowStream rs = adapter.query(sql.lastPublished())) {
            if (!rs.hasNext()) throw notBuilt(set);
            Object[] row = rs.next();
            asOf = Timestamps.instant(row[0]);
            runId = String.valueOf(row[1]);
        }
        adapter.createSchemaIfMissing(ActivationTables.SCHEMA);
        adapter.execute(sql.createCursors());
        Instant since = null;
        if (request.sinceLast()) {
            try (RowStream rs = adapter.query(sql.lastCursor(cursor))) {
                Object v = rs.hasNext() ? rs.next()[0] : null;
                since = v == null ? null : Timestamps.instant(v);
            }
        }
        if (since != null && !since.isBefore(asOf)) {
            return new ExportResult(export.name(), set.name(), cursor, since, asOf, runId, 0, 0, null);
        }
        AudienceSet.Identifiers ids = export.identifiers();
        RelationName idRelation = ids == null ? null : Relations.resolve(cp, ids.from()).orElseThrow(() ->
                error("identifiers relation '" + ids.from() + "' of export '" + export.name() + "' is not in the project",
                        "compile the project to see why"));
        String key = ids == null ? null : ids.key() != null ? ids.key()
                : cp.nodeByName(ids.from().trim()).map(n -> n.config().entityKey()).orElse(null);
        String delta = sql.delta(since, asOf, audiences, idRelation, key, ids == null ? List.of() : ids.columns());
        String format = request.format() != null ? request.format() : export.formatOrDefault();
        Path dir = request.outDir() != null ? request.outDir() : export.path() != null
                ? cp.project().root().resolve(export.path()) : cp.project().targetDir().resolve("exports").resolve(export.name());
        Path file = dir.resolve(cursor.replace(':', '_').replace('.', '_') + "_" + STAMP.format(asOf) + "." + format);
        Counting counted;
        try (RowStream rows = adapter.query(delta)) {
            counted = new Counting(rows);
            ExportFiles.write(counted, file, format);
            if (counted.adds + counted.removes == 0) Files.deleteIfExists(file);
        } catch (IOException e) {
            throw error("cannot write export file " + file + ": " + e.getMessage(), "check the folder and free space");
        }
        Path written = counted.adds + counted.removes == 0 ? null : file;
        adapter.execute(sql.recordCursor(cursor, export.name(), asOf, runId, Instant.now(), counted.adds, counted.removes,
                written == null ? null : written.toString()));
        return new ExportResult(export.name(), set.name(), cursor, since, asOf, runId, counted.adds, counted.removes, written);
    }

    private static AudienceSet.Export pick(AudienceSet set, String name) {
        if (name == null) {
            if (set.exports().size() == 1) return set.exports().get(0);
            if (set.exports().isEmpty()) return new AudienceSet.Export(set.name(), List.of(), null, null, null, "");
            throw error("audience set '" + set.name() + "' has " + set.exports().size() + " exports",
                    "choose one with --export: " + String.join(", ", set.exports().stream().map(AudienceSet.Export::name).toList()));
        }
        return set.exports().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow(() ->
                error("audience set '" + set.name() + "' has no export '" + name + "'", set.exports().isEmpty()
                        ? "declare one under exports: in its audiences/*.yml file"
                        : "exports: " + String.join(", ", set.exports().stream().map(AudienceSet.Export::name).toList())));
    }

    private static DiagnosticException notBuilt(AudienceSet set) {
        return error("audience set '" + set.name() + "' has no published membership yet", "run `segflow build` first");
    }

    static DiagnosticException error(String message, String hint) {
        return new DiagnosticException(Diagnostic.error(ErrorCode.EXPORT, null, message, hint));
    }

    /** The audience set (and audience) an export request names. */
    record Scope(AudienceSet set, String audience) {
        static Scope resolve(CompiledProject cp, String name) {
            List<AudienceSet> sets = cp.segments().values().stream().filter(s -> s.type().equals(AudienceSetType.NAME))
                    .map(CompiledSegment::spec).map(AudienceSet::of).toList();
            int dot = name.indexOf('.');
            String setName = dot < 0 ? name : name.substring(0, dot);
            for (AudienceSet s : sets) {
                if (!s.name().equals(setName)) continue;
                if (dot < 0) return new Scope(s, null);
                String audience = name.substring(dot + 1);
                if (s.audienceNames().contains(audience)) return new Scope(s, audience);
                throw error("audience set '" + s.name() + "' has no audience '" + audience + "'",
                        "audiences: " + String.join(", ", s.audienceNames()));
            }
            List<Scope> byAudience = new ArrayList<>();
            for (AudienceSet s : sets) if (s.audienceNames().contains(name)) byAudience.add(new Scope(s, name));
            if (byAudience.size() == 1) return byAudience.get(0);
            List<String> known = new ArrayList<>();
            sets.forEach(s -> s.audienceNames().forEach(a -> known.add(s.name() + "." + a)));
            throw error(byAudience.isEmpty() ? "no audience set or audience named '" + name + "'"
                    : "audience '" + name + "' is in several sets", known.isEmpty()
                    ? "define an audience set under audiences/" : "write SET or SET.AUDIENCE: " + String.join(", ", known));
        }
    }

    /** Counts adds and removes (the action column) while the rows stream into the file. */
    private static final class Counting implements RowStream {
        private final RowStream rows;
        long adds;
        long removes;

        Counting(RowStream rows) {
            this.rows = rows;
        }

        @Override
        public List<io.segflow.spi.ColumnDef> columns() {
            return rows.columns();
        }

        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public Object[] next() {
            Object[] row = rows.next();
            if ("add".equals(row[1])) adds++;
            else removes++;
            return row;
        }

        @Override
        public void close() {
            rows.close();
        }
    }
}
