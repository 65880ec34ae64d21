package io.segflow.cli;

import io.segflow.core.compile.CompiledProject;
import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.project.Suggestions;
import io.segflow.experiment.AssignmentSql;
import io.segflow.experiment.AssignmentStore;
import io.segflow.experiment.Experiment;
import io.segflow.experiment.ExperimentDefinitions;
import io.segflow.experiment.PowerCheck;
import io.segflow.experiment.Readout;
import io.segflow.experiment.ReadoutResult;
import io.segflow.experiment.ReadoutStats;
import io.segflow.experiment.SampleRatio;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Experiments on segment groups (experiments/*.yml, docs/experiments.md). `assign [NAME]`: sticky "
                + "hash assignment of the targeted members to arms, blocked on a sample-ratio mismatch; `check [NAME]`: "
                + "the sample-ratio and min_detectable_effect checks for CI; `readout NAME`: per-arm outcome, uplift "
                + "with 95% intervals and p-values, to <name>_readout and target/experiments/NAME.json.")
final class ExperimentCommand extends ProjectCommand {
    @Parameters(index = "0", paramLabel = "ACTION", description = "assign, check or readout")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Experiment (default: all; readout needs one).")
    String name;

    @Option(names = "--as-of", paramLabel = "DATE", description = "The run's day (UTC, YYYY-MM-DD): assignment time, or "
            + "the day the readout counts outcome windows up to (default: now).")
    String asOf;

    @Option(names = "--cuped", description = "readout: CUPED variance reduction with the outcome's pre-period covariate.")
    boolean cuped;

    @Override
    int run(Workspace ws) {
        if (!List.of("assign", "check", "readout").contains(action)) {
            console.error("unknown experiment action '" + action + "' (use assign, check or readout)");
            return PROJECT_ERROR;
        }
        if (ws.project().experiments().isEmpty() && !"readout".equals(action) && name == null) {
            // the CI workflow `segflow init` writes runs `experiment check` whether or not the project has experiments
            console.info("no experiments in experiments/: nothing to " + action);
            return OK;
        }
        ws.adapter();
        CompiledProject cp = ws.compile();
        ExperimentDefinitions.Definitions defs = ExperimentDefinitions.of(cp);
        List<Experiment> chosen = chosen(defs);
        if ("readout".equals(action) && chosen.size() != 1) {
            console.error("name one experiment to read out: " + names(defs));
            return PROJECT_ERROR;
        }
        Instant at = asOf == null ? Instant.now() : LocalDate.parse(asOf).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Diagnostic> failures = new ArrayList<>();
        for (Experiment e : chosen) {
            AssignmentStore store = new AssignmentStore(ws.adapter(), e, defs.holdout(), feature(cp, e));
            try {
                switch (action) {
                    case "assign" -> assign(store, e, at);
                    case "check" -> failures.addAll(check(store, e, defs));
                    default -> readout(ws, e, at);
                }
            } catch (DiagnosticException ex) {
                if (ex.diagnostics().stream().anyMatch(d -> d.code() != ErrorCode.SAMPLE_RATIO_MISMATCH
                        && d.code() != ErrorCode.EXPERIMENT_TARGET)) {
                    throw ex;
                }
                failures.addAll(ex.diagnostics());
            }
        }
        if (failures.isEmpty()) return OK;
        console.diagnostics(failures, ws.project().root());
        return FAILURES;
    }

    private List<Experiment> chosen(ExperimentDefinitions.Definitions defs) {
        if (name == null) return defs.experiments();
        return List.of(defs.find(name).orElseThrow(() -> new DiagnosticException(Diagnostic.error(ErrorCode.SELECTOR,
                null, "no experiment named '" + name + "'", hint(defs)))));
    }

    private String hint(ExperimentDefinitions.Definitions defs) {
        List<String> all = defs.experiments().stream().map(Experiment::name).toList();
        String guess = Suggestions.didYouMean(name, all);
        return guess != null ? guess : "experiments: " + names(defs);
    }

    private static String names(ExperimentDefinitions.Definitions defs) {
        List<String> all = defs.experiments().stream().map(Experiment::name).toList();
        return all.isEmpty() ? "(none in experiments/)" : String.join(", ", all);
    }

    static AssignmentSql.FeatureRelation feature(CompiledProject cp, Experiment e) {
        if (e.stratify().kind() != Experiment.Stratify.Kind.FEATURE) return null;
        return cp.nodeByName(e.stratify().feature()).map(n -> new AssignmentSql.FeatureRelation(n.relation(),
                n.config().entityKey() == null ? "entity_id" : n.config().entityKey())).orElseThrow();
    }

    private void assign(AssignmentStore store, Experiment e, Instant at) {
        AssignmentStore.RunResult r = store.assign(at, "exp-" + at.toEpochMilli());
        console.info(e.name() + ": " + r.status() + ", " + r.entered() + " entered, " + r.targeted() + " targeted, arms "
                + r.srm().counts() + ", SRM p = " + fmt(r.srm().pValue()));
    }

    private List<Diagnostic> check(AssignmentStore store, Experiment e, ExperimentDefinitions.Definitions defs) {
        List<Diagnostic> out = new ArrayList<>();
        SampleRatio.Result srm = SampleRatio.check(e.arms(), store.publishedCounts(), e.srmThreshold());
        console.info(e.name() + ": SRM " + (srm.mismatch() ? "FAIL" : "ok") + " (" + srm.describe() + ")");
        if (srm.mismatch()) {
            out.add(Diagnostic.error(ErrorCode.SAMPLE_RATIO_MISMATCH, e.spec().positionOf("arms"), "experiment '"
                    + e.name() + "': sample-ratio mismatch: " + srm.describe(), "check the hash, the shares and the salt"));
        }
        if (e.mde() == null) return out;
        PowerCheck.Result p = PowerCheck.check(e, defs.holdout(), store.populationSize());
        console.info(e.name() + ": min_detectable_effect " + (p.passed() ? "ok" : "FAIL") + " (population " + p.population()
                + ", power " + fmt(p.power()) + ", needs " + p.requiredPopulation() + ")");
        if (!p.passed()) {
            out.add(Diagnostic.error(ErrorCode.UNDERPOWERED, e.spec().positionOf("min_detectable_effect"), "experiment '"
                    + e.name() + "' targets " + p.population() + " entities: power " + fmt(p.power()) + " to detect +"
                    + e.mde().effect() + " on a " + e.mde().baselineRate() + " rate, below " + e.mde().power(),
                    "target at least " + p.requiredPopulation() + " entities (more groups, a larger share), or declare a"
                            + " larger effect"));
        }
        return out;
    }

    private void readout(Workspace ws, Experiment e, Instant at) {
        ReadoutResult r = Readout.compute(ws.adapter(), e, at.atZone(ZoneOffset.UTC).toLocalDate(), cuped, Instant.now());
        Readout.writeTable(ws.adapter(), r);
        Path json = Readout.writeJson(ws.project().targetDir(), r);
        console.print(String.format(Locale.ROOT, "%-16s %8s %10s %26s %26s %10s", "arm", "n", "mean", "uplift (95% CI)",
                "relative (95% CI)", "p"));
        for (ReadoutStats.ArmResult a : r.arms()) {
            console.print(String.format(Locale.ROOT, "%-16s %8d %10s %26s %26s %10s", a.arm(), a.n(), fmt(a.mean()),
                    a.control() ? "control" : fmt(a.absUplift()) + " [" + fmt(a.absLow()) + ", " + fmt(a.absHigh()) + "]",
                    a.control() ? "" : pct(a.relUplift()) + " [" + pct(a.relLow()) + ", " + pct(a.relHigh()) + "]",
                    a.control() ? "" : fmt(a.pValue())));
        }
        console.info("SRM p = " + fmt(r.srm().pValue()) + (r.srm().mismatch() ? " MISMATCH: do not trust this readout" : "")
                + "; wrote " + ws.project().root().relativize(json) + " and segments." + e.name() + "_readout");
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "-";
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.1f%%", 100 * v) : "-";
    }
}
