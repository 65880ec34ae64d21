"""Independent figures for the experiment readout (ReadoutCrossCheckTest).

Writes a deterministic fixture (assignments.csv, events.csv) into
runner/segflow-experiments/src/test/resources/readout/ and prints the readout figures computed from the raw rows
with scipy and statsmodels, as Java constants. The Java test loads the same CSVs into DuckDB, runs the readout SQL
and statistics, and must match these figures to 1e-6. Run from the repository root:

    python3 bench/experiments/readout_crosscheck.py
"""
import csv
import datetime as dt
import os

import numpy as np
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest

OUT = "runner/segflow-experiments/src/test/resources/readout"
ARMS = {"control": 0.4, "treatment": 0.4, "variant_b": 0.2}
AS_OF = dt.date(2024, 6, 30)
WINDOW, PRE = 30, 60

rng = np.random.default_rng(7)
n = 2000
arms = rng.choice(list(ARMS), size=n, p=list(ARMS.values()))
assigned = [dt.datetime(2024, 3, 1) + dt.timedelta(days=int(d), hours=int(h))
            for d, h in zip(rng.integers(0, 60, n), rng.integers(0, 24, n))]
propensity = rng.gamma(1.5, 0.012, n)
lift = {"control": 1.0, "treatment": 1.25, "variant_b": 1.1}
events = []
start = dt.datetime(2024, 1, 1)
for i in range(n):
    for day in range(0, 182):
        t = start + dt.timedelta(days=day)
        boost = lift[arms[i]] if t >= assigned[i] else 1.0
        if rng.random() < propensity[i] * boost:
            events.append((i + 1, t + dt.timedelta(hours=int(rng.integers(0, 24))), round(float(rng.lognormal(3.5, 0.6)), 2)))

os.makedirs(OUT, exist_ok=True)
with open(f"{OUT}/assignments.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["entity_id", "arm", "assigned_at"])
    for i in range(n):
        w.writerow([i + 1, arms[i], assigned[i].strftime("%Y-%m-%d %H:%M:%S")])
with open(f"{OUT}/events.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["entity_id", "event_at", "value"])
    for e in events:
        w.writerow([e[0], e[1].strftime("%Y-%m-%d %H:%M:%S"), f"{e[2]:.2f}"])

# per-entity measures, by calendar day from the assignment day (as the SQL counts them)
eligible = np.array([(AS_OF - a.date()).days >= WINDOW for a in assigned])
y_rate, y_value, x_rate, x_value = (np.zeros(n) for _ in range(4))
for ent, t, v in events:
    i = ent - 1
    d = (t.date() - assigned[i].date()).days
    if 0 <= d < WINDOW:
        y_rate[i] = 1
        y_value[i] += v
    elif -PRE <= d < 0:
        x_rate[i] = 1
        x_value[i] += v


def rel(yt, yc, vt, vc):
    mt, mc = yt.mean(), yc.mean()
    r = mt / mc - 1
    se = np.sqrt(vt / (len(yt) * mc ** 2) + mt ** 2 * vc / (len(yc) * mc ** 4))
    z = stats.norm.ppf(0.975)
    return r, r - z * se, r + z * se


def report(label, y, x=None):
    sel = {a: eligible & (arms == a) for a in ARMS}
    if x is not None:
        theta = np.cov(x[eligible], y[eligible])[0, 1] / np.var(x[eligible], ddof=1)
        y = y - theta * (x - x[eligible].mean())
    yc = y[sel["control"]]
    for arm in ("treatment", "variant_b"):
        yt = y[sel[arm]]
        if label == "rate":
            st, sc = yt.sum(), yc.sum()
            _, p = proportions_ztest([st, sc], [len(yt), len(yc)])
            lo, hi = confint_proportions_2indep(st, len(yt), sc, len(yc), method="wald", compare="diff")
            r = rel(yt, yc, yt.mean() * (1 - yt.mean()), yc.mean() * (1 - yc.mean()))
        else:
            res = stats.ttest_ind(yt, yc, equal_var=False)
            p = res.pvalue
            lo, hi = res.confidence_interval(0.95)
            r = rel(yt, yc, yt.var(ddof=1), yc.var(ddof=1))
        print(f"    // {label} {arm}: n, mean, control mean, abs uplift, abs CI, rel uplift, rel CI, p")
        vals = [len(yt), yt.mean(), yc.mean(), yt.mean() - yc.mean(), lo, hi, r[0], r[1], r[2], p]
        print(f"    static final double[] {label.upper().replace('-', '_')}_{arm.upper()} = {{"
              + ", ".join(repr(float(v)) for v in vals) + "};")


report("rate", y_rate)
report("value", y_value)
report("rate_cuped", y_rate, x_rate)
report("value_cuped", y_value, x_value)
counts = [int((eligible & (arms == a)).sum()) for a in ARMS]
srm = stats.chisquare(counts, f_exp=np.array(list(ARMS.values())) * sum(counts))
print(f"    // SRM over {counts}")
print(f"    static final double SRM_P = {float(srm.pvalue)!r};")
# min_detectable_effect: power of the two-proportion z-test, 1000 per arm, 10% baseline, +3 points, alpha 0.05
p1, p2, n1, n2 = 0.10, 0.13, 1000, 1000
pb = (n1 * p1 + n2 * p2) / (n1 + n2)
se0 = np.sqrt(pb * (1 - pb) * (1 / n1 + 1 / n2))
se1 = np.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
power = stats.norm.cdf(((p2 - p1) - stats.norm.ppf(0.975) * se0) / se1)
print(f"    static final double POWER_1000 = {float(power)!r};")
