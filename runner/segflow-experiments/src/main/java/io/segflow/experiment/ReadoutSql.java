package io.segflow.experiment;

import io.segflow.core.segment.store.StoreDialect;
import java.time.LocalDate;
import java.util.List;

/**
 * The readout's queries. The outcome of an entity is measured over the {@code window_days} calendar days (UTC) from
 * the day it was assigned, on the events of the experiment's {@code outcome.events} SQL (entity_id, event_at[, value]);
 * only entities whose window has ended by the as-of day are counted (intention to treat: whether or not they are still
 * in the segment). The CUPED covariate is the same measure over the {@code pre_period_days} before that day. The
 * warehouse returns one row of sufficient statistics per arm.
 */
public final class ReadoutSql {
    private final StoreDialect d;
    private final Experiment e;
    private final AssignmentTables t;

    public ReadoutSql(StoreDialect dialect, Experiment experiment, AssignmentTables tables) {
        this.d = dialect;
        this.e = experiment;
        this.t = tables;
    }

    /** arm, n, sum y, sum y², sum x, sum x², sum xy. */
    public String armSums(LocalDate asOf, boolean cuped) {
        Experiment.Outcome o = e.outcome();
        String id = q("entity_id");
        String day = d.flavor().daysBetween("s." + q("assigned_on"), "ev." + q("event_on"));
        String in = day + " >= 0 and " + day + " < " + o.windowDays();
        String pre = cuped ? day + " < 0 and " + day + " >= -" + o.prePeriodDays() : null;
        String y = measure(o.rate(), in);
        String x = cuped ? measure(o.rate(), pre) : "0";
        String events = "select " + id + ", cast(" + q("event_at") + " as date) as " + q("event_on")
                + (o.rate() ? "" : ", " + q("value")) + " from (" + o.eventsSql() + ") src";
        String assigned = "select " + id + ", " + q("arm") + ", cast(" + q("assigned_at") + " as date) as "
                + q("assigned_on") + " from " + d.render(t.assignments()) + " where "
                + d.flavor().daysBetween("cast(" + q("assigned_at") + " as date)", dateLiteral(asOf)) + " >= "
                + o.windowDays();
        String perEntity = "select s." + id + ", s." + q("arm") + ", cast(" + y + " as " + d.float64() + ") as " + q("y")
                + ", cast(" + x + " as " + d.float64() + ") as " + q("x") + " from (" + assigned + ") s left join ("
                + events + ") ev on ev." + id + " = s." + id + " group by s." + id + ", s." + q("arm");
        String yy = q("y");
        String xx = q("x");
        return "select " + q("arm") + ", count(*), sum(" + yy + "), sum(" + yy + " * " + yy + "), sum(" + xx + "), sum("
                + xx + " * " + xx + "), sum(" + xx + " * " + yy + ") from (" + perEntity + ") a group by " + q("arm");
    }

    /** 1 when any event falls in the days (rate), else the sum of their values; 0 without events. */
    private String measure(boolean rate, String inDays) {
        if (rate) return "max(case when " + inDays + " then 1 else 0 end)";
        return "coalesce(sum(case when " + inDays + " then ev." + q("value") + " else 0 end), 0)";
    }

    public String createTable() {
        String s = " " + d.string() + ", ";
        String f = " " + d.float64() + ", ";
        return "create table if not exists " + d.render(t.readout()) + " (" + q("computed_at") + " " + d.timestamp() + ", "
                + q("as_of") + " date, " + q("arm") + s + q("is_control") + " " + d.bool() + ", " + q("n") + " "
                + d.int64() + ", " + q("mean") + f + q("abs_uplift") + f + q("abs_ci_low") + f + q("abs_ci_high") + f
                + q("rel_uplift") + f + q("rel_ci_low") + f + q("rel_ci_high") + f + q("p_value") + f + q("test") + s
                + q("srm_p_value") + " " + d.float64() + ")";
    }

    /** One insert of all arms' rows of a readout. */
    public String insert(ReadoutResult r) {
        StringBuilder sb = new StringBuilder("insert into " + d.render(t.readout()) + " values ");
        List<ReadoutStats.ArmResult> arms = r.arms();
        for (int i = 0; i < arms.size(); i++) {
            ReadoutStats.ArmResult a = arms.get(i);
            if (i > 0) sb.append(", ");
            sb.append('(').append(d.timestampLiteral(r.computedAt())).append(", ").append(dateLiteral(r.asOf()))
                    .append(", ").append(d.literal(a.arm())).append(", ").append(a.control()).append(", ").append(a.n());
            for (double v : new double[] {a.mean(), a.absUplift(), a.absLow(), a.absHigh(), a.relUplift(), a.relLow(),
                    a.relHigh(), a.pValue()}) {
                sb.append(", ").append(number(v));
            }
            sb.append(", ").append(d.literal(a.test())).append(", ").append(number(r.srm().pValue())).append(')');
        }
        return sb.toString();
    }

    private String number(double v) {
        return Double.isFinite(v) ? "cast(" + v + " as " + d.float64() + ")" : d.nullOf(d.float64());
    }

    private static String dateLiteral(LocalDate day) {
        return "date '" + day + "'";
    }

    private String q(String name) {
        return d.quote(name);
    }
}
