package io.segflow.ml.segment;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.segment.RuntimeStep;
import io.segflow.core.segment.SegmentRunContext;
import io.segflow.ml.TrainingDataException;
import io.segflow.ml.pull.FeatureMatrix;
import io.segflow.ml.registry.ModelMetadata;
import io.segflow.ml.registry.ModelRegistry;
import io.segflow.spi.WarehouseAdapter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The run-time step of a model segment: pull a sample, train, register, then score in the warehouse (SQL) or by
 * pull-score-push, honouring the definition's {@code retrain:} policy. Training and scoring errors become
 * {@link DiagnosticException}s (SF701 training data, SF700 model) positioned at the segment, so the node fails with
 * a clear message and the membership store keeps the previous members.
 *
 * @param <P> the pulled training data of the model type
 */
public abstract class ModelStep<P extends ModelStep.Prepared> implements RuntimeStep {
    /** Tribuo logs every k-means iteration at INFO through java.util.logging; the CLI prints its own progress. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    /** Pulled training data; its hash decides {@code retrain: if_changed}. */
    public interface Prepared {
        String sampleHash();
    }

    /** Result of {@link #ensureModel}: the version used and whether it was trained now. */
    public record Outcome(ModelMetadata model, boolean trained) {
    }

    protected final ModelDefinition def;
    protected final ModelRegistry registry;
    private final String definitionHash;

    protected ModelStep(ModelDefinition def, String typeCanonical) {
        this.def = def;
        this.registry = new ModelRegistry(def.registryDir());
        this.definitionHash = ModelRegistry.sha256(def.spec().type() + "\n" + def.canonical() + "\n" + typeCanonical);
    }

    public ModelDefinition definition() {
        return def;
    }

    /** Pulls (and, for time-windowed labels, materialises) the training data. */
    protected abstract P prepare(WarehouseAdapter adapter);

    /** Trains on {@code data} and registers a new version; {@code previous} keeps cluster ids stable. */
    protected abstract ModelMetadata fit(WarehouseAdapter adapter, P data, Optional<ModelMetadata> previous);

    /** Membership SQL (target dialect) scoring the current input with a registered version. */
    protected abstract String score(WarehouseAdapter adapter, ModelMetadata model, SegmentRunContext run);

    @Override
    public String membershipSql(WarehouseAdapter adapter, SegmentRunContext run) {
        return guarded(() -> score(adapter, ensureModel(adapter, false).model(), run));
    }

    /** Trains a new version now, whatever the retrain policy ({@code segflow train}). */
    public Outcome train(WarehouseAdapter adapter) {
        return guarded(() -> ensureModel(adapter, true));
    }

    /** Scores with the latest registered version ({@code segflow score}); fails when none is registered. */
    public String scoreLatest(WarehouseAdapter adapter, SegmentRunContext run) {
        return guarded(() -> {
            ModelMetadata latest = registry.latest(def.name()).orElseThrow(() -> new DiagnosticException(
                    Diagnostic.error(ErrorCode.MODEL, def.spec().position(), "segment '" + def.name()
                            + "' has no registered model in " + def.registryDir(), "run `segflow train --select "
                            + def.name() + "` or `segflow build` first")));
            return score(adapter, latest, run);
        });
    }

    /** Applies the retrain policy (or forces training) and returns the version to score with. */
    public Outcome ensureModel(WarehouseAdapter adapter, boolean force) {
        Optional<ModelMetadata> latest = registry.latest(def.name());
        if (!force && def.retrain() == ModelDefinition.Retrain.NEVER && latest.isPresent()) {
            return new Outcome(latest.get(), false);
        }
        P data = prepare(adapter);
        if (!force && def.retrain() == ModelDefinition.Retrain.IF_CHANGED && latest.isPresent()
                && definitionHash.equals(latest.get().params().get("definition_hash"))
                && data.sampleHash().equals(latest.get().sampleHash())) {
            return new Outcome(latest.get(), false);
        }
        return new Outcome(fit(adapter, data, latest), true);
    }

    /** Prints the counts when training sees a sample of the population, so a sample is never mistaken for all. */
    protected void noteSample(FeatureMatrix pulled, String rowsName) {
        if (pulled.rows() < pulled.sourceRows()) {
            System.err.println("note: segment '" + def.name() + "' sampled " + pulled.rows() + " of "
                    + pulled.sourceRows() + " " + rowsName + " for training (sample: " + def.sampleSize() + ", seed "
                    + def.seed() + "; omit sample: to use every one)");
        }
    }

    /** Parameters every version stores besides its own: the definition hash and the segment type. */
    protected Map<String, Object> baseParams() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("definition_hash", definitionHash);
        p.put("segment_type", def.spec().type());
        p.put("entity_key", def.entityKey());
        return p;
    }

    private <T> T guarded(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (TrainingDataException e) {
            throw new DiagnosticException(Diagnostic.error(ErrorCode.TRAINING_DATA, def.spec().position(),
                    "segment '" + def.name() + "': " + e.getMessage(), hint(e)));
        } catch (ArithmeticException e) {
            throw new DiagnosticException(Diagnostic.error(ErrorCode.MODEL, def.spec().position(),
                    "segment '" + def.name() + "': the fitted model cannot be evaluated: " + e.getMessage(),
                    "the fit is degenerate for this data (check the dates / analysis_date and the sample);"
                            + " the previous membership was kept"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new DiagnosticException(Diagnostic.error(ErrorCode.MODEL, def.spec().position(),
                    "segment '" + def.name() + "': " + e.getMessage(), "the previous membership was kept"));
        }
    }

    private static String hint(TrainingDataException e) {
        String base = switch (e.reason()) {
            case FEATURE_MISSING -> "the registered model needs this column; restore it or retrain (`segflow train`)";
            case SINGLE_CLASS -> "widen the label window or check the label condition";
            case TOO_FEW_ROWS -> "lower k or widen the sample / where filter";
            case ALL_NULL, NULLS_NOT_ALLOWED -> "fix the feature or declare a null policy (nulls: impute_mean, drop ...)";
            default -> null;
        };
        return (base == null ? "" : base + "; ") + "the previous membership was kept";
    }
}
