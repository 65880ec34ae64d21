package io.segflow.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.segflow.core.compile.AtomicFile;
import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.segment.store.StoreDialect;
import io.segflow.spi.RowStream;
import io.segflow.spi.WarehouseAdapter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code segflow experiment readout NAME}: aggregates the outcome per arm in the warehouse, computes the statistics
 * ({@link ReadoutStats}) and the sample-ratio check, appends the rows to {@code <name>_readout} and writes
 * target/experiments/NAME.json for the report.
 */
public final class Readout {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Readout() {
    }

    public static ReadoutResult compute(WarehouseAdapter adapter, Experiment e, LocalDate asOf, boolean cuped, Instant now) {
        if (e.outcome() == null) {
            throw new DiagnosticException(Diagnostic.error(ErrorCode.EXPERIMENT, e.spec().position(), "experiment '"
                    + e.name() + "' declares no outcome to read out", "add outcome: {type: rate, events: \"select ...\"}"));
        }
        if (cuped && e.outcome().prePeriodDays() == null) {
            throw new DiagnosticException(Diagnostic.error(ErrorCode.EXPERIMENT, e.spec().positionOf("outcome"),
                    "CUPED needs a pre-period covariate", "add outcome.pre_period_days, e.g. 90"));
        }
        AssignmentTables tables = AssignmentTables.of(e.name());
        if (adapter.describe(tables.assignments()).isEmpty()) {
            throw new DiagnosticException(Diagnostic.error(ErrorCode.EXPERIMENT, e.spec().position(), "experiment '"
                    + e.name() + "' has no assignments yet", "run `segflow experiment assign " + e.name() + "` first"));
        }
        List<ReadoutStats.ArmSums> sums = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        try (RowStream rows = adapter.query(new ReadoutSql(StoreDialect.of(adapter), e, tables).armSums(asOf, cuped))) {
            while (rows.hasNext()) {
                Object[] r = rows.next();
                ReadoutStats.ArmSums s = new ReadoutStats.ArmSums(String.valueOf(r[0]), ((Number) r[1]).longValue(),
                        d(r[2]), d(r[3]), d(r[4]), d(r[5]), d(r[6]));
                sums.add(s);
                counts.put(s.arm(), s.n());
            }
        }
        sums.sort(java.util.Comparator.comparingInt(s -> order(e, s.arm())));
        SampleRatio.Result srm = SampleRatio.check(e.arms(), Map.of("all", counts), e.srmThreshold());
        return new ReadoutResult(e.name(), e.outcome().rate(), asOf, e.outcome().windowDays(), cuped,
                ReadoutStats.compute(sums, e.control(), e.outcome().rate(), cuped), srm, now);
    }

    /** Appends the readout's rows to {@code <name>_readout}. */
    public static void writeTable(WarehouseAdapter adapter, ReadoutResult r) {
        AssignmentTables tables = AssignmentTables.of(r.experiment());
        ReadoutSql sql = new ReadoutSql(StoreDialect.of(adapter), null, tables);
        adapter.createSchemaIfMissing(tables.schema());
        adapter.execute(sql.createTable());
        adapter.execute(sql.insert(r));
    }

    /** target/experiments/NAME.json (replaced atomically). */
    public static Path writeJson(Path targetDir, ReadoutResult r) {
        try {
            return AtomicFile.write(targetDir.resolve("experiments").resolve(r.experiment() + ".json"),
                    JSON.writeValueAsString(json(r)) + "\n");
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static Map<String, Object> json(ReadoutResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("experiment", r.experiment());
        out.put("outcome", r.rate() ? "rate" : "value");
        out.put("as_of", r.asOf().toString());
        out.put("window_days", r.windowDays());
        out.put("cuped", r.cuped());
        out.put("computed_at", r.computedAt().toString());
        Map<String, Object> srm = new LinkedHashMap<>();
        srm.put("counts", r.srm().counts());
        srm.put("p_value", finite(r.srm().pValue()));
        srm.put("threshold", r.srm().threshold());
        srm.put("mismatch", r.srm().mismatch());
        out.put("srm", srm);
        List<Map<String, Object>> arms = new ArrayList<>();
        for (ReadoutStats.ArmResult a : r.arms()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("arm", a.arm());
            m.put("control", a.control());
            m.put("n", a.n());
            m.put("mean", finite(a.mean()));
            m.put("abs_uplift", finite(a.absUplift()));
            m.put("abs_ci", Double.isFinite(a.absLow()) ? List.of(a.absLow(), a.absHigh()) : null);
            m.put("rel_uplift", finite(a.relUplift()));
            m.put("rel_ci", Double.isFinite(a.relLow()) ? List.of(a.relLow(), a.relHigh()) : null);
            m.put("p_value", finite(a.pValue()));
            m.put("test", a.test());
            arms.add(m);
        }
        out.put("arms", arms);
        return out;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static int order(Experiment e, String arm) {
        int i = new ArrayList<>(e.arms().keySet()).indexOf(arm);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static double d(Object o) {
        return o == null ? 0 : ((Number) o).doubleValue();
    }
}
