package io.segflow.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.spi.WarehouseAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The readout on DuckDB (SQL aggregates + statistics) against figures computed from the same rows with scipy and
 * statsmodels by bench/experiments/readout_crosscheck.py (which also wrote the CSV fixture); equal to 1e-6.
 */
class ReadoutCrossCheckTest {
    // ---- printed by bench/experiments/readout_crosscheck.py ----
    // n, mean, control mean, abs uplift, abs CI low, abs CI high, rel uplift, rel CI low, rel CI high, p
    static final double[] RATE_TREATMENT = {785.0, 0.4178343949044586, 0.3691358024691358, 0.04869859243532282, 0.0007947888037080561, 0.09660239606693757, 0.13192595275120889, -0.006351361372324116, 0.2702032668747419, 0.04651547983082275};
    static final double[] RATE_VARIANT_B = {405.0, 0.37530864197530867, 0.3691358024691358, 0.006172839506172867, -0.05151784215152812, 0.06386352116387385, 0.01672240802675584, -0.1404354450476932, 0.17388026110120489, 0.8337095965624419};
    static final double[] VALUE_TREATMENT = {785.0, 26.337019108280256, 20.380172839506177, 5.956846268774079, 2.0033195089393345, 9.910373028608824, 0.2922863469159085, 0.07409415115964063, 0.5104785426721763, 0.003170059994252628};
    static final double[] VALUE_VARIANT_B = {405.0, 21.791259259259256, 20.380172839506177, 1.4110864197530795, -3.314697247752516, 6.136870087258675, 0.06923819689191957, -0.16684525962018593, 0.30532165340402506, 0.5579158689744043};
    static final double[] RATE_CUPED_TREATMENT = {785.0, 0.42180749348723606, 0.3659986975069433, 0.05580879598029276, 0.009354352409046737, 0.10226323955153878, 0.152483591773531, 0.015789123184432458, 0.2891780603626295, 0.018572349076812936};
    static final double[] RATE_CUPED_VARIANT_B = {405.0, 0.37388190773307567, 0.3659986975069433, 0.007883210226132364, -0.048854208897660505, 0.06462062934992524, 0.021538902405473292, -0.134358604438332, 0.1774364092492786, 0.7851292758492613};
    static final double[] VALUE_CUPED_TREATMENT = {785.0, 26.09965743071809, 20.53448147534089, 5.5651759553772, 1.8287461495010167, 9.301605761253382, 0.27101614238763294, 0.06718566027734951, 0.47484662449791637, 0.0035337883270072775};
    static final double[] VALUE_CUPED_VARIANT_B = {405.0, 21.942713387309087, 20.53448147534089, 1.4082319119681976, -3.1649980552037107, 5.981461879140106, 0.06857888832787395, -0.15811594752044517, 0.2952737241761931, 0.5456727554677266};
    static final double SRM_P = 0.7910651108502961;
    static final double POWER_1000 = 0.5568291255632467;
    // ------------------------------------------------------------

    private static final double TOL = 1e-6;
    private static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);
    private static WarehouseAdapter db;

    @BeforeAll
    static void load() throws Exception {
        db = TestExperiments.duckdb();
        Path dir = Path.of(ReadoutCrossCheckTest.class.getResource("/readout/assignments.csv").toURI()).getParent();
        assertTrue(Files.isRegularFile(dir.resolve("events.csv")));
        db.createSchemaIfMissing("segments");
        db.execute("create table segments.xp_assignments as select entity_id, arm, 'all' as stratum, 0::bigint as bucket,"
                + " assigned_at, 'r1' as run_id from read_csv('" + dir.resolve("assignments.csv") + "', header = true,"
                + " columns = {'entity_id': 'BIGINT', 'arm': 'VARCHAR', 'assigned_at': 'TIMESTAMP'})");
        db.execute("create table main.events as select * from read_csv('" + dir.resolve("events.csv") + "', header = true,"
                + " columns = {'entity_id': 'BIGINT', 'event_at': 'TIMESTAMP', 'value': 'DOUBLE'})");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static ReadoutResult readout(boolean rate, boolean cuped) {
        Map<String, Double> arms = new LinkedHashMap<>();
        arms.put("control", 0.4);
        arms.put("treatment", 0.4);
        arms.put("variant_b", 0.2);
        Experiment.Outcome outcome = new Experiment.Outcome(rate, "select entity_id, event_at, value from main.events",
                30, 60);
        Experiment e = TestExperiments.experiment("xp", "seg", List.of(), arms, Experiment.Stratify.NONE, outcome);
        return Readout.compute(db, e, AS_OF, cuped, Instant.parse("2024-07-01T00:00:00Z"));
    }

    @Test
    void rateWithTwoProportionZTest() {
        ReadoutResult r = readout(true, false);
        check(r, "treatment", RATE_TREATMENT, "two-proportion z");
        check(r, "variant_b", RATE_VARIANT_B, "two-proportion z");
        assertEquals(SRM_P, r.srm().pValue(), TOL);
    }

    @Test
    void valueWithWelchT() {
        ReadoutResult r = readout(false, false);
        check(r, "treatment", VALUE_TREATMENT, "Welch t");
        check(r, "variant_b", VALUE_VARIANT_B, "Welch t");
    }

    @Test
    void cupedOnRateAndValue() {
        check(readout(true, true), "treatment", RATE_CUPED_TREATMENT, "Welch t (CUPED)");
        check(readout(true, true), "variant_b", RATE_CUPED_VARIANT_B, "Welch t (CUPED)");
        check(readout(false, true), "treatment", VALUE_CUPED_TREATMENT, "Welch t (CUPED)");
        check(readout(false, true), "variant_b", VALUE_CUPED_VARIANT_B, "Welch t (CUPED)");
    }

    @Test
    void powerOfTheMinimumDetectableEffectCheck() {
        assertEquals(POWER_1000, PowerCheck.power(new Experiment.Mde(0.03, 0.10, 0.8, 0.05), 1000, 1000), TOL);
    }

    @Test
    void resultsGoToTheReadoutTableAndJson(@org.junit.jupiter.api.io.TempDir Path target) throws Exception {
        ReadoutResult r = readout(false, true);
        Readout.writeTable(db, r);
        try (var rows = db.query("select arm, n, abs_uplift, p_value from segments.xp_readout order by arm")) {
            Object[] control = rows.next();
            assertEquals("control", control[0]);
            assertEquals(null, control[2]);
            Object[] treatment = rows.next();
            assertEquals(785L, ((Number) treatment[1]).longValue());
            assertEquals(VALUE_CUPED_TREATMENT[3], ((Number) treatment[2]).doubleValue(), TOL);
            assertEquals(VALUE_CUPED_TREATMENT[9], ((Number) treatment[3]).doubleValue(), TOL);
        }
        String json = Files.readString(Readout.writeJson(target, r));
        assertTrue(json.contains("\"experiment\" : \"xp\""), json);
        assertTrue(json.contains("\"test\" : \"Welch t (CUPED)\""), json);
    }

    private static void check(ReadoutResult r, String arm, double[] expected, String test) {
        ReadoutStats.ArmResult a = r.arms().stream().filter(x -> x.arm().equals(arm)).findFirst().orElseThrow();
        ReadoutStats.ArmResult c = r.arms().stream().filter(ReadoutStats.ArmResult::control).findFirst().orElseThrow();
        assertEquals((long) expected[0], a.n(), arm + " n");
        double[] actual = {a.n(), a.mean(), c.mean(), a.absUplift(), a.absLow(), a.absHigh(), a.relUplift(), a.relLow(),
                a.relHigh(), a.pValue()};
        String[] names = {"n", "mean", "control mean", "abs uplift", "abs CI low", "abs CI high", "rel uplift",
                "rel CI low", "rel CI high", "p"};
        for (int i = 1; i < expected.length; i++) assertEquals(expected[i], actual[i], TOL, arm + " " + names[i]);
        assertEquals(test, a.test());
    }
}
