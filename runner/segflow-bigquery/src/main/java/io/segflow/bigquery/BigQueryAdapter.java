package io.segflow.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.BigQueryResult;
import com.google.cloud.bigquery.BigQuerySQLException;
import com.google.cloud.bigquery.Connection;
import com.google.cloud.bigquery.ConnectionSettings;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FormatOptions;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.JobStatistics;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableDataWriteChannel;
import com.google.cloud.bigquery.TableDefinition;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.WriteChannelConfiguration;
import io.segflow.spi.Capability;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import io.segflow.spi.RowStream;
import io.segflow.spi.TableInfo;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseException;
import io.segflow.spi.sql.SqlFlavor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * {@link WarehouseAdapter} over the BigQuery Java client. Replaces are single {@code CREATE OR REPLACE} statements
 * and merges single {@code MERGE} statements (atomic in BigQuery); {@link #executeAtomically} runs a multi-statement
 * transaction (DML only: BigQuery transactions cannot hold DDL on permanent tables, so a table/view kind change
 * builds the new relation aside first and then swaps, with a short window where the name is missing). Queries stream through the Storage Read API ({@link Connection} with read API on), bulk loads are
 * load jobs (CSV through a write channel). Jobs carry the target's labels; transient failures are retried.
 */
public final class BigQueryAdapter implements WarehouseAdapter {
    /** Non-secret settings (see {@link BigQueryAdapterFactory}). */
    public record Settings(String project, String location, Map<String, String> labels, long maximumBytesBilled,
                           int jobTimeoutSeconds, int retries) {
    }

    private final BigQuery client;
    private final Settings settings;
    private final BigQueryStatements statements;

    BigQueryAdapter(BigQuery client, Settings settings) {
        this.client = client;
        this.settings = settings;
        this.statements = new BigQueryStatements(settings.project());
    }

    @Override
    public String type() {
        return BigQueryAdapterFactory.TYPE;
    }

    @Override
    public SqlFlavor flavor() {
        return BigQueryFlavor.INSTANCE;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.DRY_RUN);
    }

    @Override
    public String quote(String identifier) {
        return BigQueryStatements.quote(identifier);
    }

    @Override
    public String render(RelationName name) {
        return statements.render(name);
    }

    @Override
    public void execute(String sql) {
        run(sql, false);
    }

    @Override
    public void executeAtomically(List<String> sqls) {
        run(BigQueryStatements.transaction(sqls), false);
    }

    @Override
    public OptionalLong estimateBytes(String sql) {
        Job job = run(sql, true);
        JobStatistics.QueryStatistics stats = job.getStatistics();
        return stats.getTotalBytesProcessed() == null ? OptionalLong.empty() : OptionalLong.of(stats.getTotalBytesProcessed());
    }

    @Override
    public RowStream query(String sql) {
        Connection connection = client.createConnection(ConnectionSettings.newBuilder().setUseReadAPI(true).build());
        try {
            BigQueryResult<?> result = connection.executeSelect(sql);
            List<ColumnDef> columns = new ArrayList<>();
            for (Field f : result.getSchema().getFields()) {
                columns.add(new ColumnDef(f.getName(), BigQueryTypes.portable(f), f.getMode() != Field.Mode.REQUIRED));
            }
            return new BigQueryRowStream(connection, result.getResultSet(), result.getSchema(), columns);
        } catch (BigQuerySQLException | RuntimeException e) {
            closeQuietly(connection);
            throw failure("Query failed", sql, e);
        }
    }

    @Override
    public Optional<TableInfo> describe(RelationName name) {
        Table t;
        try {
            t = client.getTable(tableId(name));
        } catch (BigQueryException e) {
            throw failure("Cannot describe " + name, null, e);
        }
        return Optional.ofNullable(t).map(this::info);
    }

    private TableInfo info(Table t) {
        TableDefinition def = t.getDefinition();
        List<ColumnDef> cols = new ArrayList<>();
        Schema schema = def.getSchema();
        if (schema != null) {
            for (Field f : schema.getFields()) {
                cols.add(new ColumnDef(f.getName(), BigQueryTypes.portable(f), f.getMode() != Field.Mode.REQUIRED));
            }
        }
        TableInfo.Kind kind = def.getType() == TableDefinition.Type.VIEW
                || def.getType() == TableDefinition.Type.MATERIALIZED_VIEW ? TableInfo.Kind.VIEW : TableInfo.Kind.TABLE;
        TableId id = t.getTableId();
        return new TableInfo(new RelationName(id.getProject(), id.getDataset(), id.getTable()), kind, cols);
    }

    @Override
    public List<TableInfo> listRelations(String schema) {
        List<TableInfo> out = new ArrayList<>();
        try {
            for (Table t : client.listTables(DatasetId.of(settings.project(), schema)).iterateAll()) {
                describe(new RelationName(settings.project(), schema, t.getTableId().getTable())).ifPresent(out::add);
            }
        } catch (BigQueryException e) {
            if (e.getCode() == 404) return List.of();
            throw failure("Cannot list dataset " + schema, null, e);
        }
        return out;
    }

    @Override
    public void createSchemaIfMissing(String schema) {
        execute(statements.createSchema(schema, settings.location()));
    }

    @Override
    public void replaceTable(RelationName target, String selectSql) {
        Optional<TableInfo> existing = describe(target);
        if (existing.isEmpty() || existing.get().kind() == TableInfo.Kind.TABLE) {
            execute(statements.replaceTable(target, selectSql));
            return;
        }
        // BigQuery transactions cannot hold DDL on permanent tables: build the table aside first, so a failing
        // query leaves the view untouched, then swap kinds (a short window where the name is missing).
        RelationName stage = target.withName(target.name() + "__segflow_stage");
        execute(statements.replaceTable(stage, selectSql));
        execute(statements.dropTable(target, true));
        execute("CREATE TABLE " + render(target) + " COPY " + render(stage));
        execute(statements.dropTable(stage, false));
    }

    @Override
    public void replaceView(RelationName target, String selectSql) {
        Optional<TableInfo> existing = describe(target);
        if (existing.isPresent() && existing.get().kind() == TableInfo.Kind.TABLE) {
            RelationName probe = target.withName(target.name() + "__segflow_probe");
            execute(statements.replaceView(probe, selectSql)); // fails here, not after the table is gone
            execute(statements.dropTable(probe, true));
            execute(statements.dropTable(target, false));
        }
        execute(statements.replaceView(target, selectSql));
    }

    @Override
    public void mergeInto(RelationName target, String selectSql, List<String> uniqueKey) {
        if (uniqueKey == null || uniqueKey.isEmpty()) {
            throw new WarehouseException("mergeInto " + target + " needs at least one unique_key column", null);
        }
        Optional<TableInfo> existing = describe(target);
        if (existing.isEmpty()) {
            execute("CREATE TABLE " + render(target) + " AS\n" + selectSql);
            return;
        }
        List<String> columns;
        try (RowStream rs = query("SELECT * FROM (\n" + selectSql + "\n) LIMIT 0")) {
            columns = rs.columns().stream().map(ColumnDef::name).toList();
        }
        String merge;
        try {
            merge = statements.merge(target, selectSql, columns, uniqueKey);
        } catch (IllegalArgumentException e) {
            throw new WarehouseException("Cannot merge into " + target + ": " + e.getMessage(), null);
        }
        execute(merge);
    }

    @Override
    public long bulkLoad(RelationName target, List<ColumnDef> columns, Iterator<Object[]> rows, boolean replace) {
        List<Field> fields = new ArrayList<>();
        for (ColumnDef c : columns) {
            fields.add(Field.newBuilder(c.name(), StandardSQLTypeName.valueOf(standard(c.type())))
                    .setMode(c.nullable() ? Field.Mode.NULLABLE : Field.Mode.REQUIRED).build());
        }
        WriteChannelConfiguration config = WriteChannelConfiguration.newBuilder(tableId(target))
                .setFormatOptions(FormatOptions.csv()).setSchema(Schema.of(fields))
                .setWriteDisposition(replace ? JobInfo.WriteDisposition.WRITE_TRUNCATE : JobInfo.WriteDisposition.WRITE_APPEND)
                .setCreateDisposition(JobInfo.CreateDisposition.CREATE_IF_NEEDED).setLabels(settings.labels()).build();
        long count = 0;
        TableDataWriteChannel channel = client.writer(JobId.newBuilder().setLocation(settings.location()).build(), config);
        try (OutputStream out = Channels.newOutputStream(channel);
             Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 20)) {
            while (rows.hasNext()) {
                w.write(CsvRows.line(rows.next(), columns.size()));
                count++;
            }
        } catch (IOException | RuntimeException e) {
            // closing the stream starts the load job; a source failure must not, so the job is never created
            throw failure("bulkLoad into " + target + " failed at row " + (count + 1) + "; nothing was written", null, e);
        }
        Job job = channel.getJob();
        try {
            job = job.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseException("interrupted while loading " + target, e);
        }
        if (job == null || job.getStatus().getError() != null) {
            throw new WarehouseException("load job into " + target + " failed: "
                    + (job == null ? "job vanished" : job.getStatus().getError().getMessage()), null);
        }
        return count;
    }

    private static String standard(String portable) {
        String ddl = BigQueryTypes.ddl(portable);
        int paren = ddl.indexOf('(');
        return paren < 0 ? ddl : ddl.substring(0, paren);
    }

    @Override
    public void dropIfExists(RelationName name) {
        describe(name).ifPresent(t -> execute(statements.dropTable(name, t.kind() == TableInfo.Kind.VIEW)));
    }

    @Override
    public void close() {
        // the client holds no connection of its own
    }

    // ---- internals ---------------------------------------------------------------------------------------

    private TableId tableId(RelationName name) {
        return TableId.of(name.database() == null ? settings.project() : name.database(), name.schema(), name.name());
    }

    /** Runs a job, retrying transient failures with backoff. */
    private Job run(String sql, boolean dryRun) {
        QueryJobConfiguration.Builder b = QueryJobConfiguration.newBuilder(sql).setUseLegacySql(false)
                .setLabels(settings.labels()).setDryRun(dryRun);
        if (settings.maximumBytesBilled() > 0) b.setMaximumBytesBilled(settings.maximumBytesBilled());
        if (settings.jobTimeoutSeconds() > 0) b.setJobTimeoutMs(settings.jobTimeoutSeconds() * 1000L);
        QueryJobConfiguration config = b.build();
        for (int attempt = 0; ; attempt++) {
            try {
                JobId id = JobId.newBuilder().setLocation(settings.location()).setJob("segflow_" + UUID.randomUUID()).build();
                Job job = client.create(JobInfo.of(id, config));
                if (dryRun) return job;
                job = job.waitFor();
                if (job == null) throw new WarehouseException("BigQuery job disappeared", sql, true, null);
                if (job.getStatus().getError() != null) {
                    String reason = job.getStatus().getError().getReason();
                    boolean retry = "backendError".equals(reason) || "rateLimitExceeded".equals(reason)
                            || "internalError".equals(reason);
                    if (retry && attempt < settings.retries()) {
                        sleep(attempt);
                        continue;
                    }
                    throw new WarehouseException("Statement failed: " + job.getStatus().getError().getMessage()
                            + " [SQL: " + firstLine(sql) + "]", sql, retry, null);
                }
                return job;
            } catch (BigQueryException e) {
                if (e.isRetryable() && attempt < settings.retries()) {
                    sleep(attempt);
                    continue;
                }
                throw failure("Statement failed", sql, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WarehouseException("interrupted", sql, false, e);
            }
        }
    }

    private static void sleep(int attempt) {
        try {
            Thread.sleep(Math.min(30_000L, 500L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static WarehouseException failure(String what, String sql, Throwable e) {
        if (e instanceof WarehouseException we) return we;
        boolean transientFailure = e instanceof BigQueryException bq && bq.isRetryable();
        StringBuilder sb = new StringBuilder(what).append(": ").append(firstLine(String.valueOf(e.getMessage())));
        if (sql != null) sb.append(" [SQL: ").append(firstLine(sql)).append("]");
        return new WarehouseException(sb.toString(), sql, transientFailure, e);
    }

    static String firstLine(String text) {
        if (text == null) return "";
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (!t.isEmpty()) return t.length() > 200 ? t.substring(0, 200) + "..." : t;
        }
        return "";
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (BigQuerySQLException | RuntimeException ignored) {
            // best effort
        }
    }

    /** Reads one value of a Read API result set as the portable Java type. */
    static Object value(ResultSet rs, Field f, int index) throws SQLException {
        Object v = switch (f.getType().getStandardType()) {
            case INT64 -> rs.getLong(index);
            case FLOAT64 -> rs.getDouble(index);
            case NUMERIC, BIGNUMERIC -> rs.getBigDecimal(index);
            case BOOL -> rs.getBoolean(index);
            case DATE -> rs.getDate(index) == null ? null : rs.getDate(index).toLocalDate();
            case DATETIME, TIMESTAMP -> rs.getTimestamp(index) == null ? null : rs.getTimestamp(index).toLocalDateTime();
            default -> rs.getString(index);
        };
        return rs.wasNull() ? null : v;
    }
}
